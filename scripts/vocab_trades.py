"""One-off: add trade skill concepts and synonyms (issue 13), with collision checks.

Usage: .venv/bin/python scripts/vocab_trades.py [--write]
A form is dropped when, once normalised as the engine does, it already belongs to another concept,
or sits one slip (fuzzy cutoff) from another concept's form.
"""
import csv
import sys
from pathlib import Path

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app.matching.normalise import FUZZY_CUTOFF, SHORT_CUTOFF, normalise_text  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "app" / "data"

# id: (label_fr, label_en, synonyms, NOC unit groups)
NEW = {
    "knife-skills": ("techniques de coupe au couteau", "knife skills",
        "coupe au couteau|maniement du couteau|coupe de légumes|coupes de légumes|taillage de légumes|julienne|brunoise|knife handling|knife work|vegetable cuts|cutting techniques",
        "63200 62200 65201"),
    "knife-sharpening": ("affûtage des couteaux", "knife sharpening",
        "aiguisage des couteaux|affûter les couteaux|aiguiser les couteaux|sharpening knives|fusil à aiguiser|honing steel",
        "63201 94141 65202 63200"),
    "sauce-making": ("préparation des sauces et fonds", "sauces and stocks",
        "sauces mères|fonds de cuisine|fonds et sauces|mother sauces|stocks and sauces|sauce making|saucier",
        "63200 62200"),
    "commercial-kitchen-equipment": ("équipement de cuisine commerciale", "commercial kitchen equipment",
        "friteuse|deep fryer|four combiné|combi oven|salamandre|trancheuse à viande|meat slicer|plaque chauffante|flat top grill|équipement de cuisine",
        "63200 65201 62200"),
    "portion-control": ("contrôle des portions", "portion control",
        "portionnement|portioning|respect des portions|calibrage des portions|portion sizes",
        "63200 65201 62200 62020"),
    "sous-vide-cooking": ("cuisson sous vide", "sous-vide cooking",
        "sous-vide cooking|cuisson basse température|low temperature cooking",
        "63200 62200"),
    "meat-smoking": ("fumage des viandes", "meat smoking",
        "fumaison|fumoir|smoking meats|smokehouse|fumage",
        "63200 94141 63201"),
    "viennoiserie": ("viennoiseries", "viennoiserie",
        "croissants|pâte feuilletée|feuilletage|laminated dough|puff pastry|pâte levée feuilletée",
        "63202"),
    "dough-shaping": ("façonnage de la pâte", "dough shaping",
        "façonnage|boulage|bouler la pâte|dough moulding|shaping dough|diviseuse|dough divider",
        "63202 95106 94140"),
    "dough-proofing": ("apprêt et fermentation de la pâte", "dough proofing",
        "chambre de pousse|proofer|proof box|fermentation de la pâte|proofing",
        "63202 95106"),
    "bakery-ovens": ("conduite de fours de boulangerie", "bakery oven operation",
        "four à sole|four rotatif|rack oven|deck oven|enfournement|défournement|oven loading|oven operator",
        "63202 95106 94140"),
    "greenhouse-climate": ("contrôle du climat de serre", "greenhouse climate control",
        "climat de serre|ordinateur climatique|greenhouse climate|greenhouse environment control|gestion du climat en serre",
        "85103 80021"),
    "plant-training": ("palissage et taille des plants", "plant training and trellising",
        "palissage|tuteurage|effeuillage|égourmandage|trellising|leaf pruning|suckering|clipping plants|enroulage des plants|plant lowering|descente des plants",
        "85103 85101"),
    "seeding": ("semis", "seeding",
        "ensemencement|semer|sowing|seed sowing|plateaux de semis|seed trays|semis en caissettes",
        "85103 85101 84120"),
    "potting": ("rempotage", "potting",
        "empotage|mise en pot|repotting|potting plants|potting soil|terreau",
        "85103 85121"),
    "precommercial-thinning": ("éclaircie précommerciale", "precommercial thinning",
        "EPC|pre-commercial thinning|PCT|dégagement de plantation|éclaircie|thinning",
        "84111 85120"),
    "brush-saw": ("utilisation de la débroussailleuse", "brush saw operation",
        "débroussailleuse|débroussailleuse forestière|brush saw|brushsaw|clearing saw|brush cutter|scie débroussailleuse",
        "84111 85120 85121"),
    "seedling-handling": ("manipulation des plants forestiers", "seedling handling",
        "plants forestiers|plants en récipients|tree seedlings|seedling care|entreposage des plants|seedling storage",
        "84111 85120 85103"),
    "remote-camp-work": ("travail en camp éloigné", "remote camp work",
        "camp forestier|bush camp|camp de plantation|tree planting camp|fly-in fly-out|FIFO|travail en région éloignée|remote work camp|vie en camp",
        "84111 85120 83100 84100 85110"),
    "miner-common-core": ("formation de mineur (tronc commun)", "underground miner common core",
        "tronc commun|common core|DEP extraction de minerai|extraction de minerai|underground common core|formation mineur",
        "83100 84100 85110"),
    "roof-flashing": ("pose de solins", "roof flashing",
        "solins|solin|flashing|roof flashing|ferblanterie de toiture|flashing installation",
        "73110 72102"),
    "metal-roofing": ("toiture métallique", "metal roofing",
        "tôle à toiture|toiture de tôle|metal roof|steel roofing|tôle ondulée|standing seam",
        "73110 72102"),
    "roof-snow-removal": ("déneigement de toitures", "roof snow removal",
        "déneigement de toiture|déglaçage de toiture|roof shovelling|roof snow clearing|pelletage de toit",
        "73110 75110"),
    "powersports-mechanics": ("mécanique de sports motorisés", "powersports mechanics",
        "sports motorisés|powersports|mécanique de motos|motorcycle mechanics|motorcycle repair|mécanique de motoneiges|snowmobile repair|mécanique de VTT|ATV repair|côte-à-côte|side-by-side|motomarine|personal watercraft|jet-ski|seadoo|skidoo",
        "72423"),
    "outboard-motors": ("moteurs hors-bord", "outboard motor repair",
        "hors-bord|outboard motors|outboard motor|mécanique marine|marine engines|moteur marin|moteurs de bateau|boat motors",
        "72423 72429"),
    "carburetors": ("réparation de carburateurs", "carburetor repair",
        "carburateur|carburateurs|carburetor|carburettor|carb rebuild|ajustement de carburateur",
        "72423 72429"),
    "two-stroke-engines": ("moteurs deux temps", "two-stroke engines",
        "deux-temps|moteur 2 temps|2-stroke|two stroke|two-stroke",
        "72423 72429"),
    "childcare-routines": ("routines de soins aux enfants", "childcare routines",
        "changement de couches|diapering|diaper changing|sieste|nap time|routines de la journée|routines et transitions|daily routines with children",
        "42202 44100"),
    "pediatric-first-aid": ("premiers soins en milieu de garde", "pediatric first aid",
        "secourisme en milieu de garde|premiers soins pédiatriques|RCR pédiatrique|RCR bébé|pediatric CPR|infant CPR|child and baby first aid|secourisme enfance",
        "42202 44100"),
    "motor-skill-activities": ("activités psychomotrices", "motor skill activities",
        "psychomotricité|motricité globale|motricité fine|gross motor activities|fine motor skills|jeux moteurs|motor development activities",
        "42202"),
    "incontinence-care": ("soins d'incontinence", "incontinence care",
        "incontinence|culottes d'incontinence|aide à l'élimination|toileting assistance|continence care|changement de protections",
        "33102 44101"),
    "bed-positioning": ("positionnement au lit", "bed positioning",
        "repositionnement|positionnement des résidents|turning patients|repositioning|prévention des plaies de pression|pressure injury prevention|pressure ulcer prevention",
        "33102 44101"),
    "care-reporting": ("observation et signalement de l'état des résidents", "reporting changes in residents",
        "signaler les changements|rapport à l'infirmière|observation des résidents|reporting to the nurse|observing residents|reporting changes in condition",
        "33102 44101"),
    "nurse-aide-diploma": ("DEP Assistance à la personne en établissement et à domicile", "nurse aide diploma",
        "DEP APED|DEP assistance à la personne|attestation PAB|AEC préposé|PSW certificate|personal support worker certificate|PCA certificate|nursing assistant certificate",
        "33102 44101"),
    "hospital-cleaning": ("hygiène et salubrité en milieu hospitalier", "hospital environmental cleaning",
        "nettoyage hospitalier|entretien sanitaire|environmental services|désinfection des chambres de patients|terminal cleaning|nettoyage terminal|hospital cleaning",
        "65310 65312"),
    "cycle-counting": ("décompte cyclique", "cycle counting",
        "inventaire cyclique|comptage cyclique|cycle count|cycle counts",
        "75101 14400"),
    "shipping-documents": ("documents d'expédition", "shipping documents",
        "connaissement|bill of lading|BOL|bon de livraison|packing slip|bordereau d'expédition|bordereau de livraison|delivery slip",
        "75101 14400 73300"),
    "cross-docking": ("transbordement", "cross-docking",
        "cross-dock|cross dock|transbordement de marchandises|quai de transbordement",
        "75101 14400"),
    "pallet-wrapping": ("filmage de palettes", "pallet wrapping",
        "emballage de palettes|stretch wrapping|stretch wrap|pellicule étirable|filmeuse|shrink wrapping|wrapping pallets",
        "75101 95109"),
    "voice-picking": ("préparation de commandes à commande vocale", "voice picking",
        "picking vocal|préparation vocale|pick to voice|voice-directed picking|reconnaissance vocale entrepôt",
        "75101"),
    "bearings": ("remplacement de roulements", "bearing replacement",
        "roulements|roulements à billes|bearings|changement de roulements|bearing installation|ball bearings",
        "72400 72401"),
    "fluid-power-schematics": ("lecture de schémas hydrauliques et pneumatiques", "hydraulic and pneumatic schematics",
        "schémas hydrauliques|hydraulic schematics|schémas pneumatiques|pneumatic schematics|fluid power diagrams",
        "72400 72401"),
    "maintenance-welding": ("soudure d'entretien", "maintenance welding",
        "soudure de réparation|repair welding|maintenance welding|soudage d'entretien|réparation par soudage",
        "72400 72106"),
    "stud-welding": ("soudage de goujons", "stud welding",
        "soudure de goujons|stud welding|stud welder|goujons soudés",
        "72106"),
    "eld": ("dispositif de consignation électronique", "electronic logging device",
        "DCE|ELD|carnet de bord électronique|electronic logbook|e-log|e-logs|registre électronique des heures",
        "73300"),
    "trailer-coupling": ("attelage et dételage de remorques", "coupling and uncoupling trailers",
        "attelage|dételage|coupling trailers|hooking trailers|sellette d'attelage|fifth wheel|coupling and uncoupling",
        "73300"),
    "backing-to-dock": ("manœuvres de recul à quai", "backing to the dock",
        "recul à quai|reculer à quai|backing a trailer|docking trailers|manœuvres de recul|mise à quai",
        "73300 75201"),
    "manual-transmission": ("transmission manuelle", "manual transmission",
        "boîte manuelle|manual transmission|stick shift|13 vitesses|18 vitesses|13-speed|18-speed|transmission manuelle de camion",
        "73300"),
    "flatbed": ("transport sur plateau", "flatbed hauling",
        "remorque plateau|flatbed|flat bed|flatbed trailer|step deck|fardier",
        "73300"),
    "reefer-transport": ("transport réfrigéré", "refrigerated transport",
        "remorque réfrigérée|reefer|refrigerated trailer|camion réfrigéré|refrigerated truck|transport à température contrôlée",
        "73300 75201"),
    "b-train": ("conduite de train double", "B-train driving",
        "train double|B-train|double remorque|train routier|doubles|super B",
        "73300"),
    "tmr-mixing": ("préparation de la ration totale mélangée", "TMR mixing",
        "RTM|TMR|ration totale mélangée|total mixed ration|mélangeur de ration|feed mixer|ration mixing|unifeed",
        "84120 85100"),
    "calf-care": ("soins aux veaux", "calf care",
        "soins des veaux|élevage des veaux|alimentation des veaux|calf feeding|calf rearing|veaux|calves|pouponnière à veaux",
        "84120 85100"),
    "heat-detection": ("détection des chaleurs", "heat detection",
        "vaches en chaleur|estrus detection|heat detection in cows|détection des vaches en chaleur|insémination|artificial insemination",
        "84120 85100"),
    "milking-hygiene": ("hygiène de traite", "milking hygiene",
        "préparation du pis|trempage des trayons|teat dipping|udder preparation|pre-dip|post-dip|lavage de la trayeuse|milking equipment washing",
        "84120 85100"),
    "barn-cleaning": ("nettoyage des étables", "barn cleaning",
        "nettoyage de l'étable|barn cleaning|raclage du fumier|manure scraping|paillage|bedding stalls|litière des animaux|gestion du fumier|manure handling",
        "85100 84120"),
    "farm-tractor": ("conduite de tracteur agricole", "farm tractor operation",
        "tracteur|tracteur agricole|tractor driving|farm tractor|tractor operation|conduite de tracteur",
        "84120 85101 82030"),
    "meat-trimming": ("parage de la viande", "meat trimming",
        "parer la viande|parage|dégraissage de la viande|meat trimming|fat trimming|trimming meat",
        "94141 63201 65202"),
    "bone-saw": ("scie à os", "bone saw operation",
        "scie à ruban à viande|bone saw|sciage de carcasses|scie à os électrique",
        "94141 63201 65202"),
    "sausage-making": ("fabrication de saucisses", "sausage making",
        "saucisses|sausage making|sausages|hachage de viande|meat grinding|hachoir à viande|meat grinder|embossage",
        "94141 63201 95106"),
    "stunning": ("étourdissement des animaux", "animal stunning",
        "étourdissement|stunning|assommage|bien-être animal à l'abattage|humane slaughter",
        "94141"),
    "evisceration": ("éviscération", "evisceration",
        "éviscérer|evisceration|vidage des volailles|eviscerating|gutting poultry",
        "94141 95106"),
    "turndown-service": ("service de couverture", "turndown service",
        "couverture du soir|turndown|turn-down service|turndown service",
        "65310"),
    "bathroom-cleaning": ("nettoyage des salles de bain", "bathroom cleaning",
        "nettoyage des toilettes|salles de bains|désinfection des sanitaires|washroom cleaning|restroom cleaning|bathroom cleaning|toilet cleaning",
        "65310 65312"),
    "linen-handling": ("gestion de la lingerie", "linen handling",
        "lingerie|linen|linen room|changement de la literie|linen change|literie|bedding change|draps et serviettes",
        "65310 65320"),
    "public-area-cleaning": ("nettoyage des aires communes", "public area cleaning",
        "aires communes|lobby cleaning|public areas|halls et corridors|nettoyage des halls|common areas cleaning",
        "65310 65312"),
    "copper-soldering": ("soudure de tuyaux de cuivre", "copper pipe soldering",
        "brasage tendre|soudure à l'étain|sweat soldering|soldering copper pipe|tuyauterie de cuivre|copper piping|copper pipe",
        "72300 72301"),
    "pex-piping": ("tuyauterie PEX", "PEX piping",
        "PEX|tuyaux PEX|pex plumbing|sertissage PEX|pex crimping|pex pipe",
        "72300"),
    "plastic-piping": ("tuyauterie de plastique ABS et PVC", "ABS and PVC piping",
        "tuyaux ABS|tuyaux PVC|ABS pipe|PVC pipe|tuyauterie ABS|tuyauterie PVC|collage ABS|solvent welding pipe",
        "72300"),
    "water-heaters": ("installation de chauffe-eau", "water heater installation",
        "chauffe-eau|water heater|water heaters|remplacement de chauffe-eau|water heater replacement|réservoir d'eau chaude",
        "72300 73200"),
    "drain-cleaning": ("débouchage de drains", "drain cleaning",
        "débouchage|drain snaking|furet|drain cleaning|dégorgement|unclogging drains|caméra d'inspection de drains",
        "72300 73201"),
    "wire-pulling": ("tirage de fils", "wire pulling",
        "tirer des fils|passage de fils|pulling wire|wire pulling|fishing wires|tirage de câbles|cable pulling",
        "72200 72201 75110"),
    "wiring-devices": ("installation de prises et interrupteurs", "outlets and switches installation",
        "prises de courant|interrupteurs|receptacles|outlets and switches|installation de prises|boîtes électriques|electrical boxes",
        "72200"),
    "service-entrance": ("entrée électrique", "electrical service entrance",
        "entrée électrique|service entrance|mât électrique|embase de compteur|meter base|raccordement électrique|entrée de service",
        "72200"),
    "blown-insulation": ("isolation soufflée et giclée", "blown-in and spray insulation",
        "laine soufflée|cellulose soufflée|blown-in insulation|uréthane giclé|polyuréthane giclé|spray foam|mousse giclée|isolant giclé",
        "72321 75110"),
    "vapour-barrier": ("pose de pare-vapeur", "vapour barrier installation",
        "pare-vapeur|coupe-vapeur|vapour barrier|vapor barrier|polythène|pare-air|air barrier",
        "72321 72310 75110"),
    "deck-building": ("construction de patios et galeries", "deck building",
        "patios|galeries|deck building|decks|terrasses en bois|balcons|construction de balcons|patio construction",
        "72310 75110"),
    "garde-manger": ("garde-manger", "garde manger",
        "cuisine froide|cold kitchen|salades et entrées froides|salad station|poste froid|cold station",
        "63200 62200"),
    "short-order-cooking": ("cuisine minute", "short-order cooking",
        "cuisinier minute|short order cook|short-order|cuisine rapide au comptoir|casse-croûte|snack bar cooking",
        "63200 65201"),
    "weld-joint-preparation": ("préparation des joints de soudure", "weld joint preparation",
        "chanfreinage|chanfrein|bevelling|beveling|préparation des pièces à souder|weld prep|joint preparation",
        "72106 72104"),
    "tack-welding": ("pointage et ajustement avant soudage", "tack welding and fit-up",
        "pointage|!tack welding|tack weld|fit-up|soudure de pointage|assemblage par pointage|ajustement des pièces",
        "72106 72104 95101"),
    "egg-handling": ("collecte et classement des œufs", "egg collection and grading",
        "ramassage des œufs|collecte des œufs|egg collection|egg grading|classement des œufs|mirage des œufs|egg candling|pondoir",
        "85100 84120 94143"),
    "piglet-care": ("soins aux porcelets", "piglet care",
        "porcelets|piglets|maternité porcine|farrowing|mise bas|sevrage des porcelets|weaning piglets|pouponnière porcine",
        "85100 84120"),
    "crop-scouting": ("dépistage des ravageurs et maladies des cultures", "crop scouting",
        "dépistage|crop scouting|scouting|dépistage des cultures|pest scouting|observation des cultures",
        "85103 85101 84120"),
    "fruit-sorting": ("tri et calibrage des fruits et légumes", "produce sorting and grading",
        "calibrage|calibreuse|tri des légumes|tri des fruits|produce grading|fruit sorting|vegetable sorting|sorting line",
        "85101 95106 94143"),
    "bale-handling": ("manutention de balles de foin", "bale handling",
        "balles rondes|balles carrées|round bales|square bales|bale wrapping|enrubannage|ensilage|silage",
        "84120 85100 85101"),
    "barn-equipment": ("entretien des équipements d'étable", "barn equipment maintenance",
        "évacuateur à fumier|barn cleaner|gutter cleaner|abreuvoirs|waterers|ventilation d'étable|barn ventilation",
        "84120 85100"),
    "pipe-insulation-jacketing": ("pose de gaine de protection sur isolant", "insulation jacketing",
        "gainage|jacketing|gaine d'aluminium|aluminum jacketing|gaines de PVC|PVC jacketing",
        "72321"),
    "window-caulking": ("calfeutrage des fenêtres", "window caulking",
        "calfeutrage de fenêtres|scellant de fenêtre|window sealing|weatherstripping|coupe-froid",
        "73111 72310 73201"),
    "shed-and-garage-framing": ("construction de cabanons et garages", "shed and garage building",
        "cabanons|cabanon|garages détachés|garage construction|shed building|remises",
        "72310 75110"),
    "conduit-emt": ("!pose de conduits EMT", "EMT conduit installation",
        "conduits EMT|tube EMT|EMT|electrical metallic tubing|!pose de conduits électriques|conduit installation",
        "72200 72201"),
    "electric-heating": ("installation de chauffage électrique", "electric heating installation",
        "plinthes électriques|baseboard heaters|thermostats électroniques|electric baseboards|chauffage électrique|electric heating",
        "72200"),
    "generator-transfer": ("installation de génératrices et inverseurs", "generator and transfer switch installation",
        "inverseur|transfer switch|génératrice de secours|standby generator|commutateur de transfert",
        "72200 72201"),
    "minibar-service": ("réapprovisionnement des chambres", "room restocking",
        "minibar|produits d'accueil|amenities restocking|restocking rooms|réapprovisionnement du chariot|housekeeping cart",
        "65310"),
    "banquet-setup": ("montage de salles", "room setup",
        "montage de salle|montage de banquets|banquet setup|event setup|disposition des tables|table setup|démontage de salle",
        "65310 65200 64300"),
    "swamping": ("aide au chauffeur-livreur", "driver's helper",
        "aide-livreur|helper on truck|swamper|aide au chauffeur|livraison à deux",
        "75201 75101"),
    "furniture-delivery": ("livraison de meubles et électroménagers", "furniture and appliance delivery",
        "livraison de meubles|livraison d'électroménagers|appliance delivery|furniture delivery|white glove delivery|installation à domicile",
        "75201 75101"),
    "log-truck-loading": ("chargement de camions de bois", "log truck loading",
        "chargement de billots|log loading|loading logs|chargement de bois en longueur",
        "83110 73300"),
    "felling": ("abattage d'arbres", "tree felling",
        "abattage directionnel|directional felling|felling trees|tree felling|bûcheronnage|bûcheron|lumberjack|faller",
        "84110 85120"),
    "underground-scaling-bar": ("écaillage à la barre", "hand scaling",
        "écaillage manuel|barre à écailler|scaling bar|hand scaling|écaillage",
        "83100 84100 85110"),
    "mine-pumping": ("pompage souterrain", "underground pumping",
        "pompes submersibles|submersible pumps|dénoyage|dewatering|pompage de la mine|mine dewatering",
        "84100 85110"),
    "toddler-guidance": ("intervention éducative auprès des tout-petits", "guiding toddlers' behaviour",
        "intervention démocratique|soutien au développement social|gestion des conflits entre enfants|positive guidance|guiding children's behaviour|intervention éducative",
        "42202"),
    "special-needs-inclusion": ("intégration des enfants à besoins particuliers", "inclusion of children with special needs",
        "besoins particuliers|enfants à besoins particuliers|special needs children|inclusion en service de garde|allocation pour l'intégration|children with special needs",
        "42202"),
    "oral-medication-aide": ("aide à la prise de médicaments", "medication assistance",
        "distribution de médicaments|rappel de médication|medication reminders|piluliers|dosettes|blister packs|pill organizer",
        "33102 44101"),
    "resident-recreation": ("animation auprès des aînés", "senior recreation activities",
        "activités pour aînés|loisirs en résidence|senior activities|recreation for residents|animation en CHSLD|animation en RPA",
        "33102 44101"),
}

# id: extra synonyms for concepts that exist
ENRICH = {
    "drywall": "pose de cloisons sèches|cloisons sèches installation|drywall hanging|hanging drywall|sheetrock|panneaux de gypse|gypsum board|placoplâtre|placo|gyprock|drywaller|poseur de gyproc|pose de gyproc",
    "drywall-taping": "tirage de joints|tireur de joints|joints de gypse|mudding|taping and mudding|drywall finishing|finition de gypse|plâtrage des joints|drywall taping",
    "forklift": "chariot élévateur à fourche|CACES|CACES R489|licence de cariste|formation cariste|cariste certifié|chariot à fourche|forklift operator|forklift licence|forklift license|fork lift|towmotor|hi-lo",
    "first-aid": "premiers secours|RCR-DEA|secouriste|secouriste en milieu de travail|CPR certification|CPR/AED|first aid and CPR certificate|cours de secourisme|Croix-Rouge secourisme|Red Cross first aid",
    "whmis": "formation SIMDUT|WHMIS training|WHMIS certificate|SGH|GHS|fiches de données de sécurité|FDS|SDS|safety data sheets|fiches signalétiques",
    "asp-construction": "ASP|formation ASP construction|ASP chantier|cours de santé et sécurité générale sur les chantiers de construction|carte de sécurité chantier|construction safety training|sécurité sur les chantiers|ASP construction card",
    "ccq-card": "cartes de compétence|carte de compétence|competency card|competency cards|certificat de compétence apprenti|apprentice card|carte de compétence compagnon|carte de compétence apprenti",
    "food-safety": "certificat MAPAQ|hygiène et salubrité MAPAQ|manipulateur d'aliments MAPAQ|gestionnaire d'établissement alimentaire|food handler|food handlers certificate|food safety certificate|safe food handling|salubrité des aliments|ServSafe",
    "hygiene-care": "soins d'hygiène complets|bain complet|bain au lit|bed bath|toilette complète|assistance à l'hygiène|hygiene assistance|aide à l'habillage|dressing assistance",
    "patient-mobility": "principes de déplacement sécuritaire des bénéficiaires|transfert lit-fauteuil|bed to chair transfer|mechanical lift|Hoyer lift|lève-patient|mobilisation des résidents|resident transfers",
    "adl-assistance": "aide aux activités quotidiennes|daily living assistance|help with daily activities",
    "feeding-assistance": "aide aux repas|aide à l'alimentation|assistance aux repas|mealtime assistance|help with meals",
    "early-childhood-education": "DEC en techniques d'éducation à l'enfance|éducatrice à l'enfance|éducateur à l'enfance|ECE diploma|early childhood education diploma|éducation à l'enfance|techniques d'éducation à l'enfance",
    "early-childhood-program": "programme éducatif|Accueillir la petite enfance|programme Accueillir la petite enfance|Quebec educational program",
    "child-observation": "dossier éducatif|dossier éducatif de l'enfant|portrait périodique|observation des enfants|observing children|documentation pédagogique|pedagogical documentation",
    "early-learning-activities": "activités éducatives|activités de stimulation|arts and crafts|jeux éducatifs|educational activities|circle time|causerie",
    "infant-care": "pouponnière|poupons|soins aux poupons|baby care|care of babies",
    "childcare": "garde d'enfants|gardiennage|babysitting|child care|nanny|nounou",
    "small-engines": "réparation de tondeuses|lawn mower repair|réparation de souffleuses à neige|snowblower repair|small engine mechanics|petits moteurs à essence",
    "tree-planting": "pelle à planter|planting shovel|sacs de plantation|tree planter|reboiseur|plantation forestière|reforestation work|planter des arbres|mise en terre de plants",
    "silviculture": "travaux sylvicoles|sylviculteur|silvicultural work|travaux sylvicoles non commerciaux",
    "greenhouse-production": "travail en serre|greenhouse work|légumes de serre|greenhouse vegetables|production serricole|serres maraîchères|serre de tomates",
    "industrial-baking": "production de pain en usine|industrial bakery|usine de boulangerie|commercial bakery|bakery plant|boulangerie commerciale",
    "bread-baking": "boulangerie|boulanger|fabrication du pain|pain artisanal|artisan bread|bread making|levain|sourdough",
    "dough-preparation": "pétrissage|pétrin|kneading|mixing dough|pesée des ingrédients|ingredient scaling",
    "pastry": "pâtissier|pastry chef|fabrication de desserts|dessert making|desserts",
    "meat-cutting": "découpe de carcasses|carcass breaking|découpeur de viande|meat cutter|coupe de boeuf|beef cutting|découpe de porc|pork cutting",
    "deboning": "désossage|désosseur|désosser|boning|meat boning|désossage de volaille",
    "slaughtering": "abattoir|abattage des animaux|slaughterhouse|kill floor|plancher d'abattage",
    "poultry-processing": "transformation de volaille|abattoir de volailles|poultry plant|chicken processing",
    "milking": "traite robotisée|robotic milking|traite des vaches laitières|milking cows|traire|traire les vaches",
    "dairy-farming": "ferme laitière|dairy farm|production laitière|élevage laitier|dairy cattle|vaches laitières|dairy cows",
    "roofing": "réfection de toiture|roof replacement|roof repair|réparation de toiture|roofer|toiture en pente|pitched roofing|asphalt shingles",
    "membrane-roofing": "toit plat|toits plats|flat roofing|membrane élastomère|élastomère|gravier et asphalte|multicouche|built-up roofing|TPO|EPDM",
    "carpentry": "travaux de charpenterie|carpentry work|menuiserie générale|general carpentry|travaux de menuiserie",
    "framing": "charpente de bois|wood framing|ossature de bois|wood frame construction|colombages|montage de murs|rough framing|framer",
    "plumbing": "réparations de plomberie|plumbing repair|plomberie résidentielle|residential plumbing|plomberie commerciale|commercial plumbing|travaux de plomberie",
    "electrical-installation": "électricité|electricity|electrical work|travaux électriques|installation électrique de bâtiment",
    "electrical-code": "Code canadien de l'électricité|CCE|Canadian Electrical Code|CEC|chapitre V Électricité",
    "mig-welding": "soudage au fil plein|solid wire welding|MIG welder|!soudure GMAW|!soudage GMAW",
    "tig-welding": "heliarc|soudage à l'électrode de tungstène|tungsten inert gas|TIG welder|!soudure GTAW|!soudage GTAW",
    "stick-welding": "SMAW|électrode enrobée|soudure à la baguette|soudure à l'électrode enrobée|shielded metal arc welding|stick welder",
    "flux-cored-welding": "FCAW|fil fourré|flux core|dual shield|soudage au fil fourré|soudure au fil fourré",
    "cwb-certification": "CSA W47.1|W47.1|qualification CWB|test CWB|épreuve de qualification en soudage|welder qualification test|welding ticket",
    "shipping-receiving": "réception et expédition|expédition-réception|shipping clerk|receiving clerk|réception des marchandises|shipping-receiving",
    "material-handling": "manutention|manutentionnaire|manutention de marchandises|material handler|manipulation de charges",
    "pallet-jack": "transpalette|transpalette électrique|electric pallet jack|pallet truck|gerbeur|walkie stacker|gerbeur électrique",
    "load-securement": "arrimage|arrimage des charges|sangles d'arrimage|strapping loads|tie-down|cargo securement|bâchage|tarping",
    "pre-trip": "ronde de sécurité|vérification avant départ|pre-trip inspection|circle check|walk-around inspection|inspection avant départ",
    "hours-of-service": "heures de service|registre des heures|logbook|carnet de route|journal de bord",
    "winter-driving": "conduite hivernale|pose de chaînes|chaining up|chaînes à neige|snow chains",
    "straight-truck": "camion porteur|straight truck|camion cube|cube truck|box truck|camion 10 roues|ten wheeler",
    "tractor-trailer": "long haul|OTR|over the road|highway trucking|transport routier|camionnage longue distance|semi-trailer|semi truck|tractor trailer",
    "industrial-mechanics": "mécanique d'entretien|maintenance mechanic|mécanicien d'entretien|maintenance industrielle|industrial maintenance|entretien industriel|millwrighting|mécanique de machines industrielles",
    "preventive-maintenance": "entretien préventif|maintenance préventive|preventive maintenance|PM routines|routes d'entretien préventif",
    "shaft-alignment": "alignement d'arbres|alignement laser|laser alignment|alignement de moteurs",
    "underground-mining": "mine souterraine|travail souterrain|underground work|mineur souterrain|underground mine|sous terre",
    "ground-support": "boulonnage|rock bolting|bolting|bolter|boulonneuse|installation de grillage|mesh installation|soutènement",
    "production-drilling": "jumbo|forage au jumbo|jumbo drilling|jumbo drill|foreuse jumbo|longhole drilling|forage long trou",
    "mucking": "scooptram|scoop|LHD|chargeuse-navette|load haul dump|marinage",
    "blasting": "dynamitage|sautage|explosifs|chargement d'explosifs|boutefeu|certificat de boutefeu|explosives",
    "room-attendant": "préposé aux chambres|entretien des chambres d'hôtel|hotel room cleaning|housekeeping room attendant|changement de draps|changing sheets|chambermaid",
    "housekeeping": "tâches ménagères|housekeeping duties|entretien ménager général|nettoyage général|general cleaning",
    "laundry": "buanderie|lessive|laundry attendant|pliage du linge|folding linen|lavage du linge",
    "dishwashing": "plonge|plongeur|plongeuse|lave-vaisselle|dishwasher|dish washing|lavage de la vaisselle|pot washing|lavage des chaudrons",
    "cooking": "cuisine|cuisinier|cuisinière|cook|cooking skills|techniques culinaires|culinary skills|art culinaire|cuisson",
    "line-cooking": "cuisinier de ligne|line cook|cuisine de ligne|poste de ligne",
    "food-preparation": "préparation froide|cold prep|food prep|préparation de la nourriture|vegetable prep",
    "plastering": "plâtrage|plâtrier|crépi|crépissage|enduit|stucco|stuc",
    "concrete-finishing": "finition de béton|truelle mécanique|power trowel|hélicoptère à béton|cement finisher|cimentier",
    "tiling": "céramique|carrelage|carreleur|pose de céramique|tile setting|tile installation|grouting",
    "flooring": "revêtement de sol|couvre-plancher|pose de plancher|floor installation|plancher flottant|laminate flooring|vinyl flooring|prélart",
    "building-painting": "peinture en bâtiment|peintre en bâtiment|house painting|peinture intérieure|interior painting|peinture extérieure|exterior painting",
    "masonry": "maçonnerie|maçon|briquetage|bricklaying|briqueteur|pose de blocs|block laying",
    "insulation": "isolation|isolant|laine minérale|batt insulation|pose d'isolant|isolation thermique",
    "concrete-placing": "bétonnage|coulée de béton|pouring concrete|concrete pouring",
    "scaffolding": "échafaudage|échafaudages|montage d'échafaudage|scaffold erection|scaffolder",
    "residential-renovation": "rénovation|rénovations|renovation|home renovation|rénovation résidentielle|travaux de rénovation",
    "power-tools": "outils électriques|power tools|outillage électrique|perceuse|scie circulaire|circular saw|cloueuse|nail gun",
    "hand-tools": "outils à main|hand tools|outils manuels",
    "heat-pumps": "thermopompe|thermopompes|heat pump|mini-split|thermopompe murale",
    "tire-service": "changement de pneus|pose de pneus|tire change|tire changing|balancement de roues|wheel balancing",
    "heavy-vehicle-mechanics": "mécanique de véhicules lourds|heavy truck repair|truck mechanic|mécanicien de camions",
    "automotive-mechanics": "mécanique automobile|mécanicien automobile|auto mechanic|car repair|réparation automobile",
    "manual-harvesting": "cueillette de fruits|cueillette de légumes|fruit picking|vegetable picking|récolte manuelle|hand harvesting",
    "lockout": "cadenassage|LOTO|lock-out tag-out|lockout tagout|cadenassage et étiquetage",
    "work-at-height": "harnais de sécurité|fall protection|protection contre les chutes|fall arrest|travail en hauteur",
}

# New concepts found to duplicate an existing one (its synonyms already cover them): enrich that one.
SAME = {
    "farm-tractor": "farm-machinery", "brush-saw": "brush-clearing", "vapour-barrier": "building-envelope",
    "water-heaters": "plumbing-fixtures", "bearings": "power-transmission", "eld": "hours-of-service",
    "blown-insulation": "insulation", "pallet-wrapping": "palletizing", "hospital-cleaning": "disinfection",
    "meat-smoking": "charcuterie", "dough-shaping": "dough-preparation",
    "conduit-emt": "conduit-bending", "felling": "chainsaw",
}


def read(name):
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def main(write: bool) -> None:
    skills = read("skills.csv")
    links = read("occupation_skills.csv")
    nocs = {r["noc"] for r in read("occupations.csv")}
    by_id = {r["id"]: r for r in skills}
    owner: dict[str, str] = {}
    for r in skills:
        for f in [r["label_fr"], r["label_en"], *(r["synonyms"] or "").split("|")]:
            k = normalise_text(f)
            if k:
                owner.setdefault(k, r["id"])
    dropped, added_forms, enriched, created = [], 0, 0, 0

    def near_other(key, cid):
        cutoff = SHORT_CUTOFF if len(key) <= 10 else FUZZY_CUTOFF
        for k, o in owner.items():
            if o != cid and abs(len(k) - len(key)) <= 3 and fuzz.ratio(k, key) >= cutoff:
                return o, k
        return None

    def accept(cid, forms):
        nonlocal added_forms
        kept = []
        for f in forms:
            f = f.strip()
            forced = f.startswith("!")  # an exact form on purpose, one slip from a look-alike's
            f = f.lstrip("!")
            k = normalise_text(f)
            if not k:
                continue
            if k in owner:
                if owner[k] != cid:
                    dropped.append((cid, f, f"exact {owner[k]}"))
                continue
            near = None if forced else near_other(k, cid)
            if near:
                dropped.append((cid, f, f"near {near[0]}:{near[1]}"))
                continue
            owner[k] = cid
            kept.append(f)
            added_forms += 1
        return kept

    for cid, extra in ENRICH.items():
        row = by_id[cid]
        kept = accept(cid, extra.split("|"))
        if kept:
            row["synonyms"] = "|".join([s for s in row["synonyms"].split("|") if s] + kept)
            enriched += 1
    have = {(l["noc"], l["skill_id"]) for l in links}
    new_links = 0
    for cid, (fr, en, syn, codes) in NEW.items():
        assert cid not in by_id, cid
        taken = [owner.get(normalise_text(x)) or (near_other(normalise_text(x), cid) or [None])[0]
                 for x in (fr, en)]
        taken = [SAME[cid]] if cid in SAME else [t for t in taken if t]
        if taken:  # the concept exists under another id: enrich it instead
            print("merged", cid, "into", taken[0])
            cid = taken[0]
            kept = accept(cid, [fr, en, *syn.split("|")])
            row = by_id[cid]
            row["synonyms"] = "|".join([s for s in row["synonyms"].split("|") if s] + kept)
            enriched += 1
        else:
            owner[normalise_text(fr)] = owner[normalise_text(en)] = cid
            kept = accept(cid, syn.split("|"))
            row = {"id": cid, "label_fr": fr, "label_en": en, "synonyms": "|".join(kept)}
            skills.append(row)
            by_id[cid] = row
            created += 1
        for noc in codes.split():
            assert noc in nocs, (cid, noc)
            if (noc, cid) not in have:
                links.append({"noc": noc, "skill_id": cid})
                have.add((noc, cid))
                new_links += 1
    for d in dropped:
        print("dropped", *d)
    print(f"new concepts {created}, enriched {enriched}, forms added {added_forms}, links {new_links}")
    if write:
        for name, rows, cols in (("skills.csv", skills, ["id", "label_fr", "label_en", "synonyms"]),
                                 ("occupation_skills.csv", links, ["noc", "skill_id"])):
            with open(DATA / name, "w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
                w.writeheader()
                w.writerows(rows)


if __name__ == "__main__":
    main("--write" in sys.argv)
