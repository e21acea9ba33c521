"""Generate a second, independent labelled matching benchmark: bench/data_b/quality*.json.

Usage: .venv/bin/python bench/make_quality_data_b.py [--seed 2021] [--out DIR]

Written without looking at the engine's vocabulary or at the first benchmark's tables: the
occupations, skill phrasings and title registers below were drawn up from the NOC 2021 unit
groups and from how regional Québec employers and job seekers actually write. Scoring:
.venv/bin/python bench/match_quality.py --data bench/data_b

Every candidate is generated from a hidden truth: an occupation and the set of skill *concepts*
its profile expresses (in the skills list or in the one-sentence summary). Grades never come
from the engine; `grade()` applies the same rules as bench/make_quality_data.py:

    3  same occupation, >= 80 % of the job's required concepts, region OK
    2  same occupation with >= 80 % but region not OK, or same / closely related occupation
       with >= 40 % of the required concepts
    1  same / closely related occupation with fewer skills, or same field with >= 1 of the
       job's required concepts
    0  anything else (look-alike titles of other trades and fields included)

"Close" means the same broad trade (a dairy and a bakery line operator, an LPN and a nurse);
"field" means the same sector (a plant electrician and a maintenance mechanic). Language levels
and work status are not part of the grade: bench/match_quality.py checks them on its own, and
some strong candidates here deliberately fail a French minimum or have no work authorisation.

Outputs (same names and shapes as bench/data/):
    quality.json         exchange-format document {"jobs": [...], "candidates": [...]}
    quality_labels.json  {job_id: {candidate_id: grade}} (grade >= 1 only)
    quality_meta.json    hidden truth per job and candidate, occupation table, relations
"""

from __future__ import annotations

import argparse
import json
import random
import unicodedata
from pathlib import Path

SEED = 2021
OUT = Path(__file__).resolve().parent / "data_b"

# ------------------------------------------------------------------------- skill concepts
# "id = french phrasing | ... ; english phrasing | ...". The first French form is the one an
# employer most often writes; candidates pick any form, sometimes with slips.

_CONCEPTS = """
forklift = conduite de chariot élévateur | cariste | chariot élévateur | carte de cariste ; forklift | lift truck operation | forklift licence
whmis = SIMDUT | SIMDUT 2015 | matières dangereuses (SIMDUT) ; WHMIS | hazardous materials handling
lockout = cadenassage | procédure de cadenassage | cadenassage des équipements ; lockout/tagout | LOTO | lockout
ohs = santé et sécurité au travail | SST | prévention SST ; workplace health and safety | safety procedures
gmp = bonnes pratiques de fabrication | BPF ; good manufacturing practices | GMP
haccp = hygiène et salubrité alimentaires | HACCP | salubrité alimentaire | cours MAPAQ hygiène et salubrité ; food safety | HACCP | food handler certificate
qc_inspection = contrôle de la qualité | inspection visuelle des pièces | vérification de la qualité ; quality control | quality inspection
blueprint = lecture de plans | lecture de dessins techniques | plans et devis ; blueprint reading | reading technical drawings
measuring = instruments de mesure | vernier et micromètre | prise de mesures ; measuring instruments | calipers and micrometers
hand_power_tools = outils manuels et électriques | outillage électrique | outils portatifs ; hand and power tools | power tools
manual_handling = manutention | soulever des charges lourdes | manutention de charges ; manual handling | heavy lifting
packaging = emballage | empaquetage | mise en boîte ; packaging | packing
sorting = tri | triage des produits | tri des pièces ; sorting | product sorting
machine_feeding = alimentation de machines | alimenter la ligne de production | surveillance de machines ; machine tending | feeding production lines
cleaning_equipment = nettoyage des équipements | sanitation de la ligne | lavage des équipements ; equipment cleaning | sanitation
machine_setup = réglage de machines | ajustement des paramètres | mise en course ; machine setup | setting machine parameters
injection_moulding = moulage par injection | presse à injection | injection plastique ; injection moulding | injection molding
mould_change = changement de moules | changement de moule | montage de moules ; mould changeover | mold setup
extrusion = extrusion | extrudeuse | extrusion du plastique ; plastic extrusion | extruder operation
press_brake = presse plieuse | pliage de tôle | plieuse ; press brake | sheet metal bending
punch_press = poinçonneuse | presse à poinçonner | poinçonnage ; punch press | turret punch
sheet_metal = travail de la tôle | tôlerie | tôle ; sheet metal work | sheet metal
assembly = assemblage | montage de pièces | assemblage sur ligne ; assembly | assembly line work
torque_tools = visseuse dynamométrique | clé dynamométrique | serrage au couple ; torque wrench | torque tools
mig = soudage MIG | soudure semi-automatique | soudure MIG ; MIG welding | GMAW
tig = soudage TIG | soudure TIG ; TIG welding | GTAW
smaw = soudage à l'arc | électrode enrobée | soudure à la baguette ; stick welding | SMAW
oxy_cutting = oxycoupage | coupage oxyacétylénique | coupage au plasma ; torch cutting | plasma cutting
weld_symbols = symboles de soudage | lecture des symboles de soudure ; weld symbols | welding symbols
grinding = meulage | meuleuse | finition au meulage ; grinding | grinder
bandsaw = scie à ruban | opération de scie en scierie | scie de tête ; bandsaw | headrig saw
edger = déligneuse | opération de déligneuse ; edger | edger operation
lumber_grading = classement du bois | classification du bois d'œuvre ; lumber grading | grading lumber
planer = raboteuse | rabotage ; planer | planer mill
control_booth = pupitre de commande | poste de contrôle | écrans de contrôle ; control panel | control booth operation
dough = préparation de la pâte | pétrissage | pétrin ; dough mixing | dough preparation
tunnel_oven = four tunnel | cuisson industrielle | four continu ; tunnel oven | industrial baking
dough_divider = diviseuse | façonneuse | diviseuse-bouleuse ; dough divider | moulder
packaging_line = ligne d'emballage | emballeuse | ensacheuse ; packaging line | wrapping machine
pasteurisation = pasteurisation | pasteurisateur ; pasteurization | pasteurizer operation
cheese_making = fabrication du fromage | fromagerie | caillage et moulage du fromage ; cheese making | cheesemaking
cip = nettoyage en place | NEP ; clean-in-place | CIP
milk_reception = réception du lait | réception du lait cru ; milk receiving | raw milk intake
sampling = prise d'échantillons | échantillonnage ; sampling | quality sampling
deboning = désossage | désosser | désosseur ; deboning | boning
carcass_cutting = découpe de viande | coupe de carcasses | découpe de porc ; meat cutting | carcass breaking
knife_sharpening = affûtage des couteaux | aiguiser les couteaux | affûtage ; knife sharpening
trimming = parage | dégraissage | parage de la viande ; trimming | meat trimming
cold_environment = travail au froid | environnement réfrigéré | chambre froide ; working in cold rooms | refrigerated environment
evisceration = éviscération | éviscération de volaille ; evisceration | poultry evisceration
filleting = filetage du poisson | fileter le poisson | filetage ; fish filleting | filleting
crab_processing = transformation du crabe | décorticage du crabe | décorticage ; crab processing | shellfish shelling
transplanting = repiquage | transplantation de plants | rempotage ; transplanting | potting
harvesting = récolte | cueillette | cueillette de légumes ; harvesting | picking
irrigation = irrigation | arrosage | fertirrigation ; irrigation | watering
plant_pruning = taille des plants | effeuillage | palissage ; plant pruning | deleafing
pest_scouting = dépistage des ravageurs | lutte intégrée | dépistage ; pest scouting | integrated pest management
propagation = bouturage | multiplication des plants | boutures ; propagation | cuttings
tractor = conduite de tracteur | tracteur | machinerie agricole ; tractor driving | farm machinery
weeding = désherbage | sarclage ; weeding | hoeing
milking = traite des vaches | traite | robot de traite ; milking | milking robot
animal_feeding = alimentation des animaux | soins aux animaux | nourrir le troupeau ; livestock feeding | animal care
barn_cleaning = nettoyage de l'étable | écurage | nettoyage des bâtiments d'élevage ; barn cleaning | manure removal
herd_health = suivi du troupeau | santé du troupeau | vêlage ; herd health | calving
lawn_mowing = tonte de pelouse | tondeuse | entretien de pelouses ; lawn mowing | lawn care
shrub_planting = plantation d'arbustes | plantation de végétaux | plates-bandes ; shrub planting | planting
hardscaping = pose de pavé uni | aménagement paysager | murets ; hardscaping | paver installation
hedge_trimming = taille de haies | taille-haie ; hedge trimming
snow_removal = déneigement | pelletage | déneigement de stationnements ; snow removal | snow clearing
tree_planting = reboisement | plantation d'arbres | mise en terre de plants ; tree planting | reforestation
brush_saw = débroussailleuse | débroussaillage | dégagement de plantation ; brush saw | brushing | clearing saw
thinning = éclaircie précommerciale | EPC | éclaircie ; pre-commercial thinning | stand thinning
wildfire = lutte contre les feux de forêt | combat des incendies de forêt | SOPFEU ; wildfire suppression | forest firefighting
chainsaw = scie à chaîne | tronçonneuse | sciotte à chaîne ; chainsaw | chain saw operation
orienteering = orientation en forêt | GPS et boussole | lecture de cartes forestières ; forest navigation | GPS and compass
tree_felling = abattage manuel | abattage d'arbres ; tree felling | manual felling
skidder = débusqueuse | débardage | opération de débusqueuse ; skidder | skidding
saw_maintenance = entretien de la scie à chaîne | affûtage de chaîne ; chainsaw maintenance | chain sharpening
harvester = abatteuse multifonctionnelle | abatteuse | multifonctionnelle ; harvester | cut-to-length harvester
forwarder = porteur forestier | transporteur forestier | porteur ; forwarder | forwarder operation
delimber = ébrancheuse | tronçonneuse-ébrancheuse | façonneuse forestière ; delimber | processor
machine_greasing = graissage et entretien de la machinerie | entretien préventif de la machine | graissage ; machine greasing | daily equipment maintenance
log_sorting = tri des billes | classement des billots | façonnage des billes ; log sorting | log merchandising
drilling = forage | foreuse | jumbo de forage ; drilling | jumbo drill
blasting = dynamitage | sautage | chargement d'explosifs ; blasting | explosives loading
scaling = écaillage | écaillage mécanique ; scaling | barring down
rock_bolting = boulonnage | soutènement | boulonneuse ; rock bolting | ground support
scooptram = chargeuse-navette | scoop | scooptram ; LHD | scooptram | load-haul-dump
underground_safety = travail sous terre | module de base du mineur | formation mineur ; underground safety | underground mining
ventilation = ventilation minière | installation de ventilation | conduits de ventilation ; mine ventilation
mine_services = installation de tuyauterie minière | services miniers | eau et air comprimé ; mine services installation | pipe installation
hoist = opération de cage | signaleur de cage | treuil ; cage tending | hoist signals
roof_membrane = membrane élastomère | pose de membrane | toiture à membrane ; torch-on membrane | roofing membrane
shingles = pose de bardeaux | bardeaux d'asphalte | bardeau ; shingle installation | shingles
heights = travail en hauteur | harnais antichute | protection contre les chutes ; working at heights | fall protection
built_up_roof = toiture multicouche | asphalte et gravier | multicouche ; built-up roofing | tar and gravel
flashing = solins | ferblanterie de toiture ; flashing | roof flashing
asp_card = carte ASP construction | cours de santé et sécurité générale sur les chantiers | ASP construction ; construction safety training | CCQ card
drywall = pose de gypse | installation de panneaux de gypse | gyproc | pose de placoplâtre ; drywall installation | hanging drywall
taping = tirage de joints | joints de gypse | pose de joints ; drywall taping | tape and mud | mudding
steel_studs = colombages métalliques | structures d'acier légères | montants métalliques ; steel studs | metal framing
sanding = ponçage | sablage ; sanding
suspended_ceiling = plafonds suspendus | plafond suspendu ; suspended ceilings | T-bar ceilings
scaffolding = échafaudage | montage d'échafaudages ; scaffolding
framing = charpente | ossature de bois | charpente de bois ; framing | wood framing
formwork = coffrage | coffrage à béton | décoffrage ; formwork | concrete forms
finish_carpentry = finition intérieure | pose de moulures et de portes | menuiserie de finition ; finish carpentry | trim work
site_cleanup = nettoyage de chantier | ménage de chantier ; site cleanup | jobsite cleanup
concrete = coulée de béton | béton | finition de béton ; concrete pouring | concrete work
flagging = signalisation routière | signaleur routier | signaleur ; flagging | traffic control
excavator = pelle hydraulique | pelle mécanique | excavatrice ; excavator | excavator operation
loader = chargeuse sur roues | chargeuse | loader ; wheel loader | front-end loader
bulldozer = bouteur | bulldozer | bull ; bulldozer | dozer
earthmoving = terrassement | nivellement | excavation et remblai ; earthmoving | grading
backhoe = rétrocaveuse | pépine ; backhoe | backhoe loader
circle_check = ronde de sécurité | inspection avant départ | vérification avant départ ; pre-trip inspection | circle check
mech_troubleshooting = dépannage mécanique | diagnostic de bris | résolution de bris ; mechanical troubleshooting | breakdown repair
hydraulics = hydraulique | systèmes hydrauliques | circuits hydrauliques ; hydraulics | hydraulic systems
pneumatics = pneumatique | systèmes pneumatiques ; pneumatics | pneumatic systems
preventive_maint = entretien préventif | maintenance préventive | programme d'entretien ; preventive maintenance | PM program
alignment = alignement laser | alignement d'arbres | remplacement de roulements ; shaft alignment | bearing replacement
plc = automates programmables | API | programmation d'automates ; PLC | programmable logic controllers
motor_control = contrôle de moteurs | variateurs de vitesse | démarreurs de moteurs ; motor controls | VFD
elec_troubleshooting = dépannage électrique | diagnostic électrique | recherche de pannes électriques ; electrical troubleshooting
three_phase = triphasé 600 V | distribution électrique 600 V | haute tension ; three-phase 600 V | power distribution
schematics = lecture de schémas électriques | schémas électriques ; electrical schematics | wiring diagrams
elec_licence = licence d'électricien | certificat de qualification électricien | carte de compagnon électricien ; journeyman electrician licence | electrician certificate
snowmobile = motoneige | réparation de motoneiges | motoneiges ; snowmobile repair | snowmobiles
atv = VTT | quad | côte-à-côte ; ATV | side-by-side | UTV
small_engines = petits moteurs | moteurs deux temps | moteurs 2 temps ; small engines | two-stroke engines
outboard = moteurs hors-bord | hors-bord | motomarine ; outboard motors | personal watercraft
engine_diagnosis = diagnostic moteur | diagnostic électronique | scanner de diagnostic ; engine diagnostics | diagnostic scan tool
pdi = préparation de véhicules neufs | inspection avant livraison | PDI ; pre-delivery inspection | PDI
brakes = freins | système de freinage | réparation de freins ; brakes | brake repair
suspension = suspension et direction | direction | train avant ; suspension and steering | front end
tires = pose de pneus | changement de pneus | balancement de roues ; tire changes | wheel balancing
auto_electrical = électricité automobile | systèmes électriques automobiles ; automotive electrical | auto electrical systems
oil_change = vidange d'huile | changement d'huile | entretien de base ; oil changes | lube service
diesel = moteurs diesel | mécanique diesel | diesel ; diesel engines | diesel mechanics
air_brakes = freins à air | freins pneumatiques | mention F ; air brakes | air brake endorsement
heavy_repair = réparation d'équipement lourd | réparation de machinerie lourde | mécanique d'engins de chantier ; heavy equipment repair
class1 = permis classe 1 | classe 1 | permis de conduire classe 1 ; class 1 licence | tractor-trailer licence
long_haul = transport longue distance | longue distance | Canada–États-Unis ; long haul | over the road | cross-border
logbook = carnet de route | heures de service | registre électronique ; logbook | hours of service | ELD
load_securing = arrimage | arrimage des charges | sangles et chaînes ; load securement | tie-downs
flatbed = remorque plate-forme | plateau | fardier ; flatbed | flatbed trailer
class5 = permis classe 5 | classe 5 | permis de conduire valide ; class 5 licence | valid driver's licence
delivery = livraison | livraison de colis | tournée de livraison ; deliveries | parcel delivery
route_planning = planification de trajets | GPS | itinéraires ; route planning | GPS navigation
customer_service = service à la clientèle | service client | relation client ; customer service | client service
scanner = lecteur optique | scanneur portatif | lecteur de codes-barres ; handheld scanner | barcode scanner
shipping_docs = documents d'expédition | bons de livraison | connaissements ; shipping documents | bills of lading
receiving = réception de marchandises | réception | vérification des livraisons ; receiving | receiving goods
inventory = gestion des stocks | inventaire | décompte d'inventaire ; inventory control | stock counts
erp = logiciel de gestion d'entrepôt | SAP | ERP ; WMS | ERP software | SAP
order_picking = préparation de commandes | cueillette de commandes | picking ; order picking | order fulfilment
loading = chargement de camions | chargement et déchargement | déchargement de conteneurs ; truck loading | loading and unloading
pallet_jack = transpalette | transpalette électrique | transpalette manuel ; pallet jack | electric pallet truck
parts_counter = comptoir de pièces | vente de pièces | recherche de pièces ; parts counter | parts lookup
patient_hygiene = soins d'hygiène | bains et soins d'hygiène | hygiène des bénéficiaires ; personal hygiene care | bathing residents
patient_transfer = PDSB | principes de déplacement sécuritaire des bénéficiaires | transferts de bénéficiaires ; patient transfers | safe patient handling
feeding_assist = aide à l'alimentation | aide aux repas | faire manger les résidents ; feeding assistance | mealtime assistance
vital_signs = signes vitaux | prise des signes vitaux | prise de tension artérielle ; vital signs | blood pressure
dementia_care = troubles neurocognitifs | Alzheimer | approche auprès des aînés ; dementia care | Alzheimer's care
long_term_care = CHSLD | soins de longue durée | résidence pour aînés ; long-term care | nursing home
first_aid = secourisme | premiers soins | RCR ; first aid | CPR
medication = administration des médicaments | distribution des médicaments | médication ; medication administration | med pass
wound_care = soins de plaies | pansements | soins des plaies ; wound care | dressings
injections = injections | prélèvements sanguins | ponctions veineuses ; injections | blood draws
charting = notes au dossier | documentation clinique | notes d'évolution ; charting | clinical documentation
lpn_permit = permis de l'OIIAQ | membre de l'OIIAQ | infirmière auxiliaire autorisée ; LPN licence | OIIAQ member
rn_assessment = évaluation clinique | évaluation de la condition physique | examen clinique ; clinical assessment | physical assessment
iv_therapy = thérapie intraveineuse | soluté | installation de cathéters ; IV therapy | IV insertion
triage = triage à l'urgence | triage | échelle ÉTG ; emergency triage | CTAS
rn_permit = permis de l'OIIQ | membre de l'OIIQ | infirmière clinicienne ; RN licence | OIIQ licence
care_plan = plan thérapeutique infirmier | PTI | plan de soins ; nursing care plan | care planning
home_care = soins à domicile | maintien à domicile | aide à domicile ; home care | in-home support
meal_prep = préparation de repas | cuisine familiale | repas à domicile ; meal preparation | cooking for clients
light_housekeeping = entretien ménager léger | aide domestique | menus travaux ménagers ; light housekeeping
companionship = accompagnement des aînés | accompagnement | accompagnement aux rendez-vous ; companionship | escorting seniors
child_development = développement de l'enfant | développement global de l'enfant ; child development | early childhood development
educational_program = programme éducatif Accueillir la petite enfance | planification d'activités éducatives | programme éducatif ; educational programming | activity planning
observation = observation des enfants | dossier éducatif | portrait périodique ; child observation | developmental records
ece_diploma = DEC en techniques d'éducation à l'enfance | TEE | AEC en petite enfance ; ECE diploma | early childhood education diploma
parents = communication avec les parents | relation avec les parents ; parent communication | working with families
behaviour = gestion des comportements | intervention comportementale | encadrement ; behaviour management | behavioural intervention
intervention_plan = plan d'intervention | PI | élaboration de plans d'intervention ; intervention plan | individual education plan
autism = TSA | trouble du spectre de l'autisme | autisme ; autism spectrum disorder | ASD
crisis = gestion de crise | Oméga | intervention de crise ; crisis intervention | de-escalation
tes_diploma = DEC en techniques d'éducation spécialisée | TES | technique d'éducation spécialisée ; special care counselling diploma | special education technician
mental_health = santé mentale | troubles de santé mentale ; mental health | mental health support
sales = vente conseil | techniques de vente | ventes ; sales | upselling
merchandising = marchandisage | mise en marché | présentation visuelle ; merchandising | visual merchandising
pos = terminal point de vente | caisse enregistreuse | point de vente ; POS | point-of-sale system
product_knowledge = connaissance des produits | conseils techniques aux clients ; product knowledge
cash = manipulation d'argent | gestion de caisse | argent comptant ; cash handling | handling cash
cash_close = fermeture de caisse | balancer la caisse | dépôt de caisse ; cash reconciliation | till balancing
bagging = emballage des achats | ensachage ; bagging | packing groceries
shelf_stocking = mise en tablette | remplissage des tablettes | placer la marchandise ; shelf stocking | restocking
rotation = rotation des produits | PEPS | rotation des stocks ; stock rotation | FIFO
line_cooking = cuisine à la ligne | cuisson à la ligne | grill et friteuse ; line cooking | grill
mise_en_place = mise en place | préparation des aliments | découpe de légumes ; mise en place | food prep
menus = élaboration de menus | conception de menus | menus du jour ; menu planning | menu design
knife_skills = techniques de coupe | maniement du couteau ; knife skills
batch_cooking = cuisine de collectivité | production en grande quantité | cuisine d'hôpital ; batch cooking | institutional cooking
cook_diploma = DEP en cuisine | DEP cuisine d'établissement ; culinary diploma | cooking diploma
dishwashing = plonge | lave-vaisselle | vaisselle ; dishwashing | dish machine
kitchen_cleaning = nettoyage de la cuisine | entretien de la cuisine | ménage de cuisine ; kitchen cleaning
food_assembly = montage des assiettes | assemblage de sandwichs | comptoir froid ; food assembly | plating
bread = fabrication du pain | pain artisanal | boulangerie ; bread making | artisan bread
pastry = pâtisserie | viennoiseries | croissants ; pastry | viennoiserie
oven = cuisson au four | fours à sole | enfournement ; oven baking | deck oven
cake_decorating = décoration de gâteaux | glaçage ; cake decorating | icing
housekeeping = entretien ménager | ménage | entretien ménager résidentiel ; housekeeping | cleaning
room_cleaning = entretien des chambres | faire les lits | préposé aux chambres ; room attendant duties | making beds
disinfection = désinfection | désinfection des surfaces | nettoyage et désinfection ; disinfection | sanitizing surfaces
laundry = buanderie | lavage du linge | lingerie ; laundry | linen handling
cleaning_products = produits de nettoyage | dilution des produits d'entretien | produits chimiques d'entretien ; cleaning chemicals | cleaning products
floor_care = entretien des planchers | décapage et cirage | autorécureuse ; floor care | floor stripping and waxing | floor scrubber
waste = gestion des déchets | collecte des déchets | recyclage ; waste removal | recycling
minor_repairs = réparations mineures | menus travaux | travaux d'entretien général ; minor repairs | handyman work
painting = peinture | travaux de peinture | peinture intérieure ; painting | interior painting
plumbing_basic = plomberie de base | réparations de plomberie ; basic plumbing | plumbing repairs
electrical_basic = électricité de base | changement de luminaires ; basic electrical | light fixture replacement
hvac_basic = chauffage et ventilation | CVAC | entretien de fournaises ; HVAC basics | heating and ventilation
ms_office = suite Office | Word et Excel | Microsoft Office ; MS Office | Microsoft Office
correspondence = rédaction de correspondance | rédaction de lettres | correspondance ; correspondence | business writing
agenda = gestion d'agenda | prise de rendez-vous | gestion des horaires ; calendar management | scheduling appointments
filing = classement | archivage | classement de documents ; filing | records management
minutes = procès-verbaux | prise de notes | rédaction de comptes rendus ; minute taking | meeting minutes
french_writing = français écrit impeccable | qualité du français | révision de textes ; written French | proofreading French
data_entry = saisie de données | entrée de données | saisie informatique ; data entry | keyboarding
phone = accueil téléphonique | réponse au téléphone | standard téléphonique ; phone reception | switchboard
mail = traitement du courrier | courrier | envois postaux ; mail handling | mailroom
front_desk = accueil de la clientèle | accueil des visiteurs | réception ; front desk | greeting visitors
accounts_payable = comptes fournisseurs | comptes payables | paiement des fournisseurs ; accounts payable | AP
accounts_receivable = comptes clients | comptes recevables | recouvrement ; accounts receivable | AR | collections
billing = facturation | émission de factures ; billing | invoicing
bank_rec = conciliation bancaire | conciliations bancaires ; bank reconciliation
accounting_software = logiciel comptable | Sage 50 | Acomba | QuickBooks ; accounting software | QuickBooks | Sage 50
excel = Excel | tableurs Excel | Excel intermédiaire ; Excel spreadsheets | Excel
payroll = paie | traitement de la paie | Employeur D ; payroll | payroll processing
sales_tax = TPS et TVQ | remises gouvernementales | déclarations de taxes ; GST/QST returns | sales tax filing
month_end = fin de mois | états financiers | fermeture de mois ; month-end closing | financial statements
teamwork = travail d'équipe | esprit d'équipe ; teamwork | team player
punctuality = ponctualité | assiduité | fiabilité ; punctuality | reliability
autonomy = autonomie | débrouillardise ; self-starter | works independently
physical = bonne condition physique | endurance physique | travail physique ; physically fit | physical stamina
"""

SOFT = ["teamwork", "punctuality", "autonomy", "physical"]


def _parse_concepts(text: str) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for line in text.strip().splitlines():
        cid, _, rest = line.partition("=")
        fr, _, en = rest.partition(";")
        out[cid.strip()] = {
            "fr": [p.strip() for p in fr.split("|") if p.strip()],
            "en": [p.strip() for p in en.split("|") if p.strip()],
        }
    return out


CONCEPTS = _parse_concepts(_CONCEPTS)

# ------------------------------------------------------------------------------ occupations
# key: (NOC 2021 unit group, fields, French title pairs (masculine, feminine), English titles,
#       abbreviations / slang, concepts (the core ones first)).


def _occ(noc, fields, fr, en, slang, concepts):
    return {
        "noc": noc,
        "fields": fields,
        "fr": fr,
        "en": en,
        "slang": slang,
        "concepts": concepts,
    }


OCCUPATIONS = {
    # ----------------------------------------------------------- manufacturing
    "plastics_operator": _occ(
        "94111",
        ["manufacturing"],
        [
            ("opérateur de presse à injection", "opératrice de presse à injection"),
            ("opérateur de production", "opératrice de production"),
            ("opérateur de machines en plasturgie", "opératrice de machines en plasturgie"),
        ],
        [
            "injection moulding machine operator",
            "plastics processing operator",
            "production operator",
        ],
        ["op. presse injection", "opérateur presse", "op prod plastique"],
        [
            "injection_moulding",
            "mould_change",
            "machine_setup",
            "qc_inspection",
            "extrusion",
            "lockout",
            "whmis",
            "forklift",
        ],
    ),
    "metal_press_operator": _occ(
        "94105",
        ["manufacturing"],
        [
            ("opérateur de presse plieuse", "opératrice de presse plieuse"),
            ("opérateur de poinçonneuse", "opératrice de poinçonneuse"),
            (
                "opérateur de machines à travailler les métaux",
                "opératrice de machines à travailler les métaux",
            ),
        ],
        ["press brake operator", "punch press operator", "metal forming machine operator"],
        ["op. plieuse", "plieur", "opérateur plieuse"],
        [
            "press_brake",
            "punch_press",
            "sheet_metal",
            "machine_setup",
            "measuring",
            "blueprint",
            "lockout",
            "qc_inspection",
        ],
    ),
    "assembler": _occ(
        "94219",
        ["manufacturing"],
        [
            ("assembleur", "assembleuse"),
            ("monteur de pièces", "monteuse de pièces"),
            ("assembleur-inspecteur", "assembleuse-inspectrice"),
        ],
        ["assembler", "assembly line worker", "product assembler"],
        ["assembleur ligne", "monteur"],
        [
            "assembly",
            "hand_power_tools",
            "torque_tools",
            "qc_inspection",
            "blueprint",
            "packaging",
            "measuring",
        ],
    ),
    "production_labourer": _occ(
        "95109",
        ["manufacturing"],
        [
            ("journalier de production", "journalière de production"),
            ("manœuvre d'usine", "manœuvre d'usine"),
            ("ouvrier de production", "ouvrière de production"),
        ],
        ["production labourer", "general labourer", "factory worker"],
        ["journalier", "jounalier d'usine", "job d'usine"],
        [
            "manual_handling",
            "machine_feeding",
            "packaging",
            "sorting",
            "cleaning_equipment",
            "forklift",
            "ohs",
            "physical",
        ],
    ),
    "welder": _occ(
        "72106",
        ["manufacturing"],
        [
            ("soudeur", "soudeuse"),
            ("soudeur-monteur", "soudeuse-monteuse"),
            ("soudeur-assembleur", "soudeuse-assembleuse"),
        ],
        ["welder", "welder-fitter", "MIG welder"],
        ["soudeur MIG", "soudeur DEP", "welder/fitter"],
        ["mig", "tig", "smaw", "blueprint", "weld_symbols", "grinding", "oxy_cutting", "measuring"],
    ),
    "sawmill_operator": _occ(
        "94120",
        ["manufacturing", "forestry"],
        [
            ("opérateur de scierie", "opératrice de scierie"),
            ("opérateur de déligneuse", "opératrice de déligneuse"),
            ("classeur de bois", "classeuse de bois"),
        ],
        ["sawmill machine operator", "edger operator", "lumber grader"],
        ["op. scierie", "scieur", "opérateur moulin à scie"],
        ["bandsaw", "edger", "control_booth", "lumber_grading", "planer", "lockout", "ohs"],
    ),
    # ----------------------------------------------------------- food processing
    "bakery_line_operator": _occ(
        "94140",
        ["food_processing"],
        [
            (
                "opérateur de production en boulangerie industrielle",
                "opératrice de production en boulangerie industrielle",
            ),
            ("opérateur de four industriel", "opératrice de four industriel"),
            ("opérateur de production", "opératrice de production"),
        ],
        ["industrial bakery operator", "bakery production operator", "oven operator"],
        ["op. boulangerie", "opérateur ligne pain"],
        [
            "dough",
            "tunnel_oven",
            "dough_divider",
            "packaging_line",
            "haccp",
            "gmp",
            "cleaning_equipment",
            "machine_setup",
        ],
    ),
    "dairy_operator": _occ(
        "94140",
        ["food_processing"],
        [
            ("opérateur en fromagerie", "opératrice en fromagerie"),
            ("fromager", "fromagère"),
            ("opérateur de pasteurisateur", "opératrice de pasteurisateur"),
        ],
        ["cheese maker", "dairy processing operator", "pasteurizer operator"],
        ["op. fromagerie", "fromager industriel"],
        [
            "cheese_making",
            "pasteurisation",
            "cip",
            "milk_reception",
            "haccp",
            "gmp",
            "sampling",
            "packaging_line",
        ],
    ),
    "industrial_butcher": _occ(
        "94141",
        ["food_processing"],
        [
            ("boucher industriel", "bouchère industrielle"),
            ("désosseur", "désosseuse"),
            ("découpeur de viande", "découpeuse de viande"),
            ("préposé à l'éviscération", "préposée à l'éviscération"),
        ],
        ["industrial butcher", "meat cutter", "deboner", "poultry processor"],
        ["désosseur porc", "coupeur de viande", "boucher abattoir"],
        [
            "deboning",
            "carcass_cutting",
            "trimming",
            "knife_sharpening",
            "haccp",
            "cold_environment",
            "evisceration",
            "packaging",
        ],
    ),
    "food_labourer": _occ(
        "95106",
        ["food_processing"],
        [
            (
                "journalier en transformation alimentaire",
                "journalière en transformation alimentaire",
            ),
            ("manœuvre d'usine alimentaire", "manœuvre d'usine alimentaire"),
            ("emballeur", "emballeuse"),
        ],
        ["food processing labourer", "food plant worker", "packer"],
        ["journalier usine bouffe", "emballeur ligne"],
        [
            "packaging",
            "sorting",
            "haccp",
            "cleaning_equipment",
            "machine_feeding",
            "cold_environment",
            "manual_handling",
            "gmp",
        ],
    ),
    "seafood_worker": _occ(
        "94142",
        ["food_processing"],
        [
            (
                "ouvrier d'usine de transformation des produits marins",
                "ouvrière d'usine de transformation des produits marins",
            ),
            ("fileteur de poisson", "fileteuse de poisson"),
            ("préposé à la transformation du crabe", "préposée à la transformation du crabe"),
        ],
        ["fish plant worker", "seafood processing worker", "fish filleter"],
        ["usine de crabe", "job au crabe", "fileteur"],
        [
            "crab_processing",
            "filleting",
            "sorting",
            "cold_environment",
            "haccp",
            "packaging",
            "trimming",
        ],
    ),
    # ----------------------------------------------------------- agriculture / horticulture
    "greenhouse_worker": _occ(
        "85103",
        ["agriculture", "horticulture"],
        [
            ("ouvrier de serre", "ouvrière de serre"),
            ("manœuvre en serriculture", "manœuvre en serriculture"),
            ("ouvrier de pépinière", "ouvrière de pépinière"),
        ],
        ["greenhouse worker", "nursery worker", "greenhouse labourer"],
        ["travailleur de serre", "serriste (aide)"],
        [
            "transplanting",
            "harvesting",
            "irrigation",
            "plant_pruning",
            "pest_scouting",
            "propagation",
            "sorting",
        ],
    ),
    "harvest_worker": _occ(
        "85101",
        ["agriculture"],
        [
            ("ouvrier agricole", "ouvrière agricole"),
            ("cueilleur de fruits et légumes", "cueilleuse de fruits et légumes"),
            ("travailleur agricole saisonnier", "travailleuse agricole saisonnière"),
        ],
        ["farm worker", "harvest labourer", "fruit picker"],
        ["TET agricole", "job aux champs", "cueilleur"],
        ["harvesting", "weeding", "sorting", "packaging", "tractor", "irrigation", "physical"],
    ),
    "livestock_worker": _occ(
        "85100",
        ["agriculture"],
        [
            ("ouvrier de ferme laitière", "ouvrière de ferme laitière"),
            ("ouvrier agricole en production laitière", "ouvrière agricole en production laitière"),
            ("vacher", "vachère"),
        ],
        ["dairy farm worker", "livestock labourer", "milker"],
        ["aide à la ferme", "trayeur"],
        ["milking", "animal_feeding", "barn_cleaning", "herd_health", "tractor", "physical"],
    ),
    "landscaping_labourer": _occ(
        "85121",
        ["horticulture"],
        [
            ("manœuvre en aménagement paysager", "manœuvre en aménagement paysager"),
            ("ouvrier paysagiste", "ouvrière paysagiste"),
            ("préposé à l'entretien des terrains", "préposée à l'entretien des terrains"),
        ],
        ["landscaping labourer", "grounds maintenance worker", "landscaper"],
        ["paysagiste", "gars de pelouse"],
        [
            "lawn_mowing",
            "shrub_planting",
            "hardscaping",
            "hedge_trimming",
            "snow_removal",
            "manual_handling",
        ],
    ),
    # ----------------------------------------------------------- forestry
    "silviculture_worker": _occ(
        "84111",
        ["forestry"],
        [
            ("ouvrier sylvicole", "ouvrière sylvicole"),
            ("débroussailleur", "débroussailleuse"),
            ("planteur d'arbres", "planteuse d'arbres"),
        ],
        ["silviculture worker", "tree planter", "brush saw operator"],
        ["débroussailleur EPC", "planteur", "tree planter (reboisement)"],
        [
            "brush_saw",
            "thinning",
            "tree_planting",
            "chainsaw",
            "orienteering",
            "wildfire",
            "first_aid",
        ],
    ),
    "chainsaw_skidder_operator": _occ(
        "84110",
        ["forestry"],
        [
            ("abatteur manuel", "abatteuse manuelle"),
            ("opérateur de débusqueuse", "opératrice de débusqueuse"),
            ("bûcheron", "bûcheronne"),
        ],
        ["faller", "skidder operator", "chainsaw operator"],
        ["bûcheux", "opérateur de skidder"],
        ["tree_felling", "chainsaw", "skidder", "saw_maintenance", "first_aid", "orienteering"],
    ),
    "logging_machine_operator": _occ(
        "83110",
        ["forestry"],
        [
            (
                "opérateur d'abatteuse multifonctionnelle",
                "opératrice d'abatteuse multifonctionnelle",
            ),
            ("opérateur de porteur forestier", "opératrice de porteur forestier"),
            ("opérateur de machinerie forestière", "opératrice de machinerie forestière"),
        ],
        ["harvester operator", "forwarder operator", "logging equipment operator"],
        ["op. multi", "opérateur multifonctionnelle", "op abatteuse"],
        [
            "harvester",
            "forwarder",
            "delimber",
            "machine_greasing",
            "log_sorting",
            "orienteering",
            "circle_check",
        ],
    ),
    # ----------------------------------------------------------- mining
    "underground_miner": _occ(
        "83100",
        ["mining"],
        [
            ("mineur sous terre", "mineuse sous terre"),
            ("mineur de développement", "mineuse de développement"),
            ("mineur de production", "mineuse de production"),
        ],
        ["underground miner", "development miner", "production miner"],
        ["mineur", "mineur jumbo", "mineur UG"],
        [
            "drilling",
            "blasting",
            "scaling",
            "rock_bolting",
            "scooptram",
            "underground_safety",
            "ventilation",
        ],
    ),
    "mine_support_worker": _occ(
        "84100",
        ["mining"],
        [
            ("préposé aux services miniers", "préposée aux services miniers"),
            ("aide-mineur", "aide-mineuse"),
            ("opérateur de cage", "opératrice de cage"),
        ],
        ["underground mine service worker", "mine helper", "cage tender"],
        ["helper UG", "services mine"],
        [
            "underground_safety",
            "mine_services",
            "ventilation",
            "hoist",
            "scooptram",
            "manual_handling",
        ],
    ),
    "mine_labourer": _occ(
        "85110",
        ["mining"],
        [("manœuvre de mine", "manœuvre de mine"), ("journalier minier", "journalière minière")],
        ["mine labourer", "surface mine labourer"],
        ["journalier mine"],
        [
            "underground_safety",
            "manual_handling",
            "cleaning_equipment",
            "ohs",
            "physical",
            "hand_power_tools",
        ],
    ),
    # ----------------------------------------------------------- construction
    "roofer": _occ(
        "73110",
        ["construction"],
        [
            ("couvreur", "couvreuse"),
            ("poseur de bardeaux", "poseuse de bardeaux"),
            ("couvreur en membrane", "couvreuse en membrane"),
        ],
        ["roofer", "shingler", "roofing installer"],
        ["couvreur toiture", "gars de toiture"],
        ["roof_membrane", "shingles", "heights", "built_up_roof", "flashing", "asp_card"],
    ),
    "drywall_installer": _occ(
        "73102",
        ["construction"],
        [
            ("poseur de gypse", "poseuse de gypse"),
            ("plâtrier tireur de joints", "plâtrière tireuse de joints"),
            ("poseur de systèmes intérieurs", "poseuse de systèmes intérieurs"),
        ],
        ["drywall installer", "drywall taper", "drywall finisher"],
        ["poseur de gyproc", "gypseur", "tireur de joints"],
        [
            "drywall",
            "taping",
            "steel_studs",
            "sanding",
            "suspended_ceiling",
            "scaffolding",
            "asp_card",
        ],
    ),
    "carpenter": _occ(
        "72310",
        ["construction"],
        [
            ("charpentier-menuisier", "charpentière-menuisière"),
            ("menuisier", "menuisière"),
            ("charpentier", "charpentière"),
        ],
        ["carpenter", "framer", "finish carpenter"],
        ["charp-menuisier", "charpentier menuisier CCQ", "carpentier"],
        [
            "framing",
            "formwork",
            "finish_carpentry",
            "blueprint",
            "hand_power_tools",
            "asp_card",
            "heights",
        ],
    ),
    "construction_labourer": _occ(
        "75110",
        ["construction"],
        [
            ("manœuvre en construction", "manœuvre en construction"),
            ("aide-charpentier", "aide-charpentière"),
            ("journalier de chantier", "journalière de chantier"),
        ],
        ["construction labourer", "construction helper", "general labourer (construction)"],
        ["manœuvre CCQ", "helper chantier"],
        [
            "site_cleanup",
            "concrete",
            "manual_handling",
            "hand_power_tools",
            "asp_card",
            "flagging",
            "scaffolding",
        ],
    ),
    "heavy_equipment_operator": _occ(
        "73400",
        ["construction"],
        [
            ("opérateur de machinerie lourde", "opératrice de machinerie lourde"),
            ("opérateur de pelle hydraulique", "opératrice de pelle hydraulique"),
            ("conducteur d'engins de chantier", "conductrice d'engins de chantier"),
        ],
        ["heavy equipment operator", "excavator operator", "loader operator"],
        ["op. pelle", "opérateur de pépine", "op machinerie lourde"],
        ["excavator", "loader", "earthmoving", "bulldozer", "backhoe", "circle_check", "asp_card"],
    ),
    # ----------------------------------------------------------- industrial maintenance
    "millwright": _occ(
        "72400",
        ["industrial_maintenance"],
        [
            ("mécanicien industriel", "mécanicienne industrielle"),
            ("mécanicien d'entretien", "mécanicienne d'entretien"),
            ("mécanicien de chantier", "mécanicienne de chantier"),
        ],
        ["millwright", "industrial mechanic", "maintenance mechanic"],
        ["méc. industriel", "mécano d'usine", "millwright (méc. ind.)"],
        [
            "mech_troubleshooting",
            "hydraulics",
            "pneumatics",
            "preventive_maint",
            "alignment",
            "mig",
            "lockout",
            "blueprint",
        ],
    ),
    "industrial_electrician": _occ(
        "72201",
        ["industrial_maintenance"],
        [
            ("électricien industriel", "électricienne industrielle"),
            ("électricien d'usine", "électricienne d'usine"),
            ("électricien d'entretien", "électricienne d'entretien"),
        ],
        ["industrial electrician", "plant electrician", "maintenance electrician"],
        ["élec industriel", "électro d'usine"],
        [
            "plc",
            "motor_control",
            "elec_troubleshooting",
            "three_phase",
            "schematics",
            "elec_licence",
            "lockout",
            "preventive_maint",
        ],
    ),
    # ----------------------------------------------------------- vehicle repair
    "powersports_mechanic": _occ(
        "72423",
        ["vehicle_repair"],
        [
            ("mécanicien de véhicules récréatifs", "mécanicienne de véhicules récréatifs"),
            ("mécanicien de motoneiges et VTT", "mécanicienne de motoneiges et VTT"),
            ("mécanicien de petits moteurs", "mécanicienne de petits moteurs"),
        ],
        ["powersports technician", "motorcycle and ATV mechanic", "small engine mechanic"],
        ["méc. VLR", "mécano VLR", "mécanicien VTT/motoneige"],
        ["snowmobile", "atv", "small_engines", "engine_diagnosis", "outboard", "pdi"],
    ),
    "auto_technician": _occ(
        "72410",
        ["vehicle_repair"],
        [
            ("mécanicien automobile", "mécanicienne automobile"),
            ("technicien en mécanique automobile", "technicienne en mécanique automobile"),
        ],
        ["automotive service technician", "auto mechanic", "car mechanic"],
        ["mécano auto", "méc. auto", "mécanicien de garage"],
        ["brakes", "engine_diagnosis", "suspension", "tires", "auto_electrical", "oil_change"],
    ),
    "heavy_duty_mechanic": _occ(
        "72401",
        ["vehicle_repair", "industrial_maintenance"],
        [
            ("mécanicien de machinerie lourde", "mécanicienne de machinerie lourde"),
            ("mécanicien d'engins de chantier", "mécanicienne d'engins de chantier"),
            ("mécanicien de véhicules lourds", "mécanicienne de véhicules lourds"),
        ],
        ["heavy-duty equipment mechanic", "heavy equipment technician", "diesel mechanic"],
        ["méc. machinerie lourde", "mécano diesel", "mécanicien de lourds"],
        [
            "diesel",
            "hydraulics",
            "heavy_repair",
            "air_brakes",
            "engine_diagnosis",
            "preventive_maint",
            "mig",
        ],
    ),
    # ----------------------------------------------------------- logistics
    "truck_driver": _occ(
        "73300",
        ["logistics"],
        [
            ("camionneur", "camionneuse"),
            ("chauffeur de camion classe 1", "chauffeuse de camion classe 1"),
            ("conducteur de semi-remorque", "conductrice de semi-remorque"),
        ],
        ["truck driver", "long haul truck driver", "class 1 driver"],
        ["chauffeur classe 1", "trucker", "driver longue distance"],
        [
            "class1",
            "circle_check",
            "logbook",
            "load_securing",
            "long_haul",
            "flatbed",
            "air_brakes",
        ],
    ),
    "delivery_driver": _occ(
        "75201",
        ["logistics"],
        [("chauffeur-livreur", "chauffeuse-livreuse"), ("livreur", "livreuse")],
        ["delivery driver", "courier driver", "parcel delivery driver"],
        ["livreur colis", "driver livraison"],
        ["class5", "delivery", "route_planning", "customer_service", "scanner", "manual_handling"],
    ),
    "shipper_receiver": _occ(
        "14400",
        ["logistics"],
        [
            ("commis à l'expédition et à la réception", "commis à l'expédition et à la réception"),
            ("expéditeur-réceptionnaire", "expéditrice-réceptionnaire"),
            ("commis à l'expédition", "commis à l'expédition"),
        ],
        ["shipper/receiver", "shipping and receiving clerk", "shipper"],
        ["shipper", "commis expé-récep"],
        ["shipping_docs", "receiving", "inventory", "forklift", "erp", "scanner", "loading"],
    ),
    "warehouse_worker": _occ(
        "75101",
        ["logistics"],
        [
            ("commis d'entrepôt", "commis d'entrepôt"),
            ("manutentionnaire", "manutentionnaire"),
            ("préposé à l'entrepôt", "préposée à l'entrepôt"),
        ],
        ["warehouse worker", "forklift operator", "material handler"],
        ["cariste", "journalier d'entrepôt", "gars d'entrepôt"],
        [
            "order_picking",
            "forklift",
            "loading",
            "pallet_jack",
            "scanner",
            "inventory",
            "manual_handling",
        ],
    ),
    "storekeeper": _occ(
        "14401",
        ["logistics"],
        [("commis aux pièces", "commis aux pièces"), ("magasinier", "magasinière")],
        ["parts clerk", "storekeeper", "partsperson"],
        ["partsman", "commis pièces"],
        ["parts_counter", "inventory", "erp", "receiving", "customer_service", "shipping_docs"],
    ),
    # ----------------------------------------------------------- health
    "care_aide": _occ(
        "33102",
        ["health"],
        [
            ("préposé aux bénéficiaires", "préposée aux bénéficiaires"),
            ("aide-soignant", "aide-soignante"),
            ("préposé aux soins", "préposée aux soins"),
        ],
        ["patient care attendant", "nurse aide", "personal support worker"],
        ["PAB", "préposé PAB", "PAB CHSLD"],
        [
            "patient_hygiene",
            "patient_transfer",
            "feeding_assist",
            "vital_signs",
            "dementia_care",
            "long_term_care",
            "first_aid",
        ],
    ),
    "practical_nurse": _occ(
        "32101",
        ["health"],
        [("infirmier auxiliaire", "infirmière auxiliaire")],
        ["licensed practical nurse", "LPN", "practical nurse"],
        ["inf. aux.", "infirmière aux", "LPN/infirmière auxiliaire"],
        [
            "medication",
            "wound_care",
            "vital_signs",
            "lpn_permit",
            "injections",
            "charting",
            "long_term_care",
        ],
    ),
    "registered_nurse": _occ(
        "31301",
        ["health"],
        [("infirmier", "infirmière"), ("infirmier clinicien", "infirmière clinicienne")],
        ["registered nurse", "RN", "clinical nurse"],
        ["inf.", "infirmière bachelière", "nurse"],
        [
            "rn_assessment",
            "medication",
            "iv_therapy",
            "triage",
            "rn_permit",
            "care_plan",
            "charting",
            "wound_care",
        ],
    ),
    "home_support_worker": _occ(
        "44101",
        ["health"],
        [
            (
                "auxiliaire aux services de santé et sociaux",
                "auxiliaire aux services de santé et sociaux",
            ),
            ("préposé d'aide à domicile", "préposée d'aide à domicile"),
            ("aide familial", "aide familiale"),
        ],
        ["home support worker", "home care aide", "caregiver"],
        ["ASSS", "aide à domicile", "préposé maintien à domicile"],
        [
            "home_care",
            "patient_hygiene",
            "meal_prep",
            "light_housekeeping",
            "companionship",
            "patient_transfer",
        ],
    ),
    # ----------------------------------------------------------- childcare / social
    "early_childhood_educator": _occ(
        "42202",
        ["education_social"],
        [
            ("éducateur à la petite enfance", "éducatrice à la petite enfance"),
            ("éducateur en CPE", "éducatrice en CPE"),
            ("éducateur en service de garde", "éducatrice en service de garde"),
        ],
        ["early childhood educator", "daycare educator", "ECE"],
        ["éduc en CPE", "éducatrice CPE", "educ petite enfance"],
        [
            "child_development",
            "educational_program",
            "observation",
            "ece_diploma",
            "parents",
            "first_aid",
            "behaviour",
        ],
    ),
    "special_care_counsellor": _occ(
        "42201",
        ["education_social"],
        [
            ("éducateur spécialisé", "éducatrice spécialisée"),
            ("technicien en éducation spécialisée", "technicienne en éducation spécialisée"),
            ("intervenant", "intervenante"),
        ],
        ["special care counsellor", "special education technician", "youth worker"],
        ["éduc spé", "TES", "éducatrice spé"],
        ["behaviour", "intervention_plan", "autism", "crisis", "tes_diploma", "mental_health"],
    ),
    # ----------------------------------------------------------- retail
    "retail_salesperson": _occ(
        "64100",
        ["retail"],
        [
            ("conseiller aux ventes", "conseillère aux ventes"),
            ("vendeur", "vendeuse"),
            ("représentant des ventes en magasin", "représentante des ventes en magasin"),
        ],
        ["retail sales associate", "sales associate", "salesperson"],
        ["vendeur plancher", "conseiller vente"],
        ["customer_service", "sales", "merchandising", "pos", "product_knowledge", "inventory"],
    ),
    "cashier": _occ(
        "65100",
        ["retail"],
        [("caissier", "caissière")],
        ["cashier", "checkout clerk"],
        ["caissier épicerie", "caisse"],
        ["cash", "pos", "customer_service", "cash_close", "bagging"],
    ),
    "shelf_stocker": _occ(
        "65102",
        ["retail"],
        [
            ("commis d'épicerie", "commis d'épicerie"),
            ("commis de plancher", "commis de plancher"),
            ("préposé à la mise en tablette", "préposée à la mise en tablette"),
        ],
        ["store clerk", "shelf stocker", "grocery clerk"],
        ["commis épicerie", "placier"],
        [
            "shelf_stocking",
            "rotation",
            "inventory",
            "pallet_jack",
            "customer_service",
            "order_picking",
        ],
    ),
    # ----------------------------------------------------------- food service
    "cook": _occ(
        "63200",
        ["food_service"],
        [
            ("cuisinier", "cuisinière"),
            ("cuisinier de ligne", "cuisinière de ligne"),
            ("cuisinier d'établissement", "cuisinière d'établissement"),
        ],
        ["cook", "line cook", "institutional cook"],
        ["cuisto", "cook de ligne", "cuisinier DEP"],
        [
            "line_cooking",
            "mise_en_place",
            "haccp",
            "menus",
            "knife_skills",
            "batch_cooking",
            "cook_diploma",
        ],
    ),
    "kitchen_helper": _occ(
        "65201",
        ["food_service"],
        [
            ("commis de cuisine", "commis de cuisine"),
            ("aide-cuisinier", "aide-cuisinière"),
            ("plongeur", "plongeuse"),
        ],
        ["kitchen helper", "dishwasher", "prep cook"],
        ["plongeur/commis", "aide cuisine"],
        ["dishwashing", "mise_en_place", "kitchen_cleaning", "haccp", "food_assembly", "receiving"],
    ),
    "baker": _occ(
        "63202",
        ["food_service", "food_processing"],
        [
            ("boulanger", "boulangère"),
            ("boulanger-pâtissier", "boulangère-pâtissière"),
            ("pâtissier", "pâtissière"),
        ],
        ["baker", "pastry baker", "bakery clerk"],
        ["boulanger artisan", "pâtissier DEP"],
        ["bread", "dough", "pastry", "oven", "cake_decorating", "haccp", "customer_service"],
    ),
    # ----------------------------------------------------------- building services
    "housekeeper": _occ(
        "65310",
        ["building_services"],
        [
            ("préposé à l'entretien ménager", "préposée à l'entretien ménager"),
            ("préposé aux chambres", "préposée aux chambres"),
            ("femme de chambre", "femme de chambre"),
        ],
        ["housekeeper", "room attendant", "housekeeping attendant"],
        ["ménage hôtel", "préposé ménage"],
        ["housekeeping", "room_cleaning", "disinfection", "laundry", "cleaning_products", "whmis"],
    ),
    "janitor": _occ(
        "65312",
        ["building_services"],
        [
            ("concierge", "concierge"),
            ("préposé à l'entretien", "préposée à l'entretien"),
            ("préposé à l'entretien sanitaire", "préposée à l'entretien sanitaire"),
        ],
        ["janitor", "custodian", "caretaker"],
        ["conciergerie", "homme d'entretien ménager"],
        [
            "floor_care",
            "disinfection",
            "cleaning_products",
            "waste",
            "snow_removal",
            "housekeeping",
            "whmis",
        ],
    ),
    "building_maintenance_worker": _occ(
        "73201",
        ["building_services"],
        [
            ("préposé à l'entretien général", "préposée à l'entretien général"),
            ("ouvrier d'entretien général", "ouvrière d'entretien général"),
            ("homme d'entretien", "femme d'entretien"),
        ],
        ["building maintenance worker", "handyman", "building superintendent"],
        ["homme à tout faire", "maintenance man", "concierge-entretien"],
        [
            "minor_repairs",
            "painting",
            "plumbing_basic",
            "electrical_basic",
            "hvac_basic",
            "preventive_maint",
            "snow_removal",
        ],
    ),
    # ----------------------------------------------------------- office
    "administrative_assistant": _occ(
        "13110",
        ["office"],
        [
            ("adjoint administratif", "adjointe administrative"),
            ("secrétaire", "secrétaire"),
            ("agent de secrétariat", "agente de secrétariat"),
        ],
        ["administrative assistant", "executive assistant", "secretary"],
        ["adjointe admin", "adj. administrative"],
        ["ms_office", "correspondence", "agenda", "filing", "minutes", "french_writing"],
    ),
    "office_clerk": _occ(
        "14100",
        ["office"],
        [
            ("commis de bureau", "commis de bureau"),
            ("agent de bureau", "agente de bureau"),
            ("commis administratif", "commis administrative"),
        ],
        ["office clerk", "general office clerk", "clerical assistant"],
        ["commis bureau", "commis admin"],
        ["data_entry", "filing", "ms_office", "phone", "mail"],
    ),
    "receptionist": _occ(
        "14101",
        ["office"],
        [
            ("réceptionniste", "réceptionniste"),
            ("préposé à l'accueil", "préposée à l'accueil"),
            ("standardiste", "standardiste"),
        ],
        ["receptionist", "front desk clerk"],
        ["récep", "réceptionniste-standardiste"],
        ["front_desk", "phone", "agenda", "customer_service", "ms_office"],
    ),
    "accounting_clerk": _occ(
        "14200",
        ["office"],
        [
            ("commis comptable", "commis comptable"),
            ("commis aux comptes fournisseurs", "commis aux comptes fournisseurs"),
            ("commis à la facturation", "commis à la facturation"),
        ],
        ["accounting clerk", "accounts payable clerk", "billing clerk"],
        ["commis compta", "commis-comptable"],
        [
            "accounts_payable",
            "accounts_receivable",
            "billing",
            "bank_rec",
            "accounting_software",
            "excel",
            "data_entry",
        ],
    ),
    "bookkeeper": _occ(
        "12200",
        ["office"],
        [
            ("technicien comptable", "technicienne comptable"),
            ("teneur de livres", "teneuse de livres"),
        ],
        ["bookkeeper", "accounting technician"],
        ["tech. comptable", "tenue de livres"],
        [
            "bank_rec",
            "payroll",
            "sales_tax",
            "month_end",
            "accounting_software",
            "accounts_payable",
            "accounts_receivable",
        ],
    ),
}

# Same broad trade: a worker of one can take the other's job after some adaptation.
_CLOSE = [
    ("plastics_operator", "metal_press_operator"),
    ("plastics_operator", "production_labourer"),
    ("assembler", "production_labourer"),
    ("production_labourer", "food_labourer"),
    ("bakery_line_operator", "dairy_operator"),
    ("bakery_line_operator", "food_labourer"),
    ("dairy_operator", "food_labourer"),
    ("industrial_butcher", "seafood_worker"),
    ("seafood_worker", "food_labourer"),
    ("greenhouse_worker", "harvest_worker"),
    ("silviculture_worker", "chainsaw_skidder_operator"),
    ("chainsaw_skidder_operator", "logging_machine_operator"),
    ("underground_miner", "mine_support_worker"),
    ("mine_support_worker", "mine_labourer"),
    ("carpenter", "construction_labourer"),
    ("powersports_mechanic", "auto_technician"),
    ("auto_technician", "heavy_duty_mechanic"),
    ("truck_driver", "delivery_driver"),
    ("shipper_receiver", "warehouse_worker"),
    ("shipper_receiver", "storekeeper"),
    ("warehouse_worker", "shelf_stocker"),
    ("care_aide", "home_support_worker"),
    ("practical_nurse", "registered_nurse"),
    ("retail_salesperson", "cashier"),
    ("cook", "kitchen_helper"),
    ("housekeeper", "janitor"),
    ("janitor", "building_maintenance_worker"),
    ("administrative_assistant", "office_clerk"),
    ("administrative_assistant", "receptionist"),
    ("office_clerk", "receptionist"),
    ("accounting_clerk", "bookkeeper"),
]
CLOSE: dict[str, list[str]] = {k: [] for k in OCCUPATIONS}
for _a, _b in _CLOSE:
    CLOSE[_a].append(_b)
    CLOSE[_b].append(_a)

# Occupations of other fields whose titles share words with this one (grade 0 unless the rules
# say otherwise): the traps a string matcher falls into.
LOOKALIKES = {
    "care_aide": ["janitor", "housekeeper", "building_maintenance_worker"],
    "janitor": ["care_aide", "landscaping_labourer"],
    "housekeeper": ["care_aide", "home_support_worker"],
    "kitchen_helper": ["warehouse_worker", "shelf_stocker"],
    "warehouse_worker": ["kitchen_helper", "harvest_worker"],
    "plastics_operator": [
        "heavy_equipment_operator",
        "logging_machine_operator",
        "bakery_line_operator",
    ],
    "bakery_line_operator": ["plastics_operator", "baker"],
    "heavy_equipment_operator": [
        "plastics_operator",
        "heavy_duty_mechanic",
        "logging_machine_operator",
    ],
    "heavy_duty_mechanic": ["heavy_equipment_operator", "millwright"],
    "millwright": ["building_maintenance_worker", "heavy_duty_mechanic"],
    "industrial_electrician": ["millwright", "building_maintenance_worker"],
    "early_childhood_educator": ["special_care_counsellor", "home_support_worker"],
    "special_care_counsellor": ["early_childhood_educator", "care_aide"],
    "practical_nurse": ["home_support_worker", "care_aide"],
    "registered_nurse": ["practical_nurse", "care_aide"],
    "harvest_worker": ["warehouse_worker", "greenhouse_worker"],
    "greenhouse_worker": ["landscaping_labourer", "silviculture_worker"],
    "silviculture_worker": ["landscaping_labourer", "greenhouse_worker"],
    "dairy_operator": ["livestock_worker", "bakery_line_operator"],
    "livestock_worker": ["industrial_butcher", "dairy_operator"],
    "industrial_butcher": ["cook", "livestock_worker"],
    "seafood_worker": ["industrial_butcher", "kitchen_helper"],
    "food_labourer": ["production_labourer", "kitchen_helper"],
    "production_labourer": ["construction_labourer", "food_labourer", "mine_labourer"],
    "construction_labourer": ["production_labourer", "mine_labourer", "landscaping_labourer"],
    "truck_driver": ["delivery_driver", "heavy_equipment_operator"],
    "shipper_receiver": ["office_clerk", "kitchen_helper"],
    "accounting_clerk": ["cashier", "office_clerk"],
    "administrative_assistant": ["receptionist", "accounting_clerk"],
    "retail_salesperson": ["storekeeper", "cashier"],
    "cook": ["kitchen_helper", "baker", "industrial_butcher"],
    "roofer": ["drywall_installer", "construction_labourer"],
    "drywall_installer": ["building_maintenance_worker", "roofer"],
    "carpenter": ["building_maintenance_worker", "sawmill_operator"],
    "welder": ["metal_press_operator", "heavy_duty_mechanic"],
    "sawmill_operator": ["logging_machine_operator", "carpenter"],
    "underground_miner": ["heavy_equipment_operator", "logging_machine_operator"],
    "logging_machine_operator": ["heavy_equipment_operator", "sawmill_operator"],
    "powersports_mechanic": ["storekeeper", "auto_technician"],
    "metal_press_operator": ["welder", "plastics_operator"],
    "assembler": ["production_labourer", "welder"],
}

# ------------------------------------------------------------------------------ jobs
# (occupation, region, city, title, french_min, english_min, experience_min, permit_required);
# a title starting with EN_MARK is an English posting (English skill phrasings).
EN_MARK = "[en] "
JOB_SPECS = [
    (
        "plastics_operator",
        "16",
        "Granby",
        "Opérateur ou opératrice de presse à injection",
        5,
        0,
        1,
        True,
    ),
    (
        "plastics_operator",
        "12",
        "Saint-Georges",
        "[en] Production operator – plastics (night shift)",
        4,
        5,
        0,
        True,
    ),
    (
        "metal_press_operator",
        "17",
        "Drummondville",
        "Opérateur(trice) de presse plieuse",
        5,
        0,
        2,
        True,
    ),
    (
        "assembler",
        "17",
        "Victoriaville",
        "Assembleur / assembleuse – ligne de production",
        4,
        0,
        0,
        True,
    ),
    (
        "production_labourer",
        "04",
        "Trois-Rivières",
        "Journalier(ère) de production",
        4,
        0,
        0,
        False,
    ),
    ("welder", "08", "Rouyn-Noranda", "Soudeur-monteur / soudeuse-monteuse", 5, 0, 2, True),
    (
        "sawmill_operator",
        "02",
        "Dolbeau-Mistassini",
        "Opérateur·trice de scierie – déligneuse",
        5,
        0,
        1,
        True,
    ),
    (
        "bakery_line_operator",
        "03",
        "Québec",
        "Opérateur de production – boulangerie industrielle",
        5,
        0,
        1,
        True,
    ),
    ("dairy_operator", "17", "Victoriaville", "Opérateur(trice) en fromagerie", 5, 0, 1, True),
    (
        "industrial_butcher",
        "16",
        "Saint-Hyacinthe",
        "Désosseur·euse / découpeur·euse de viande",
        4,
        0,
        0,
        False,
    ),
    (
        "food_labourer",
        "14",
        "Joliette",
        "Journalier d'usine alimentaire (emballage)",
        4,
        0,
        0,
        True,
    ),
    (
        "seafood_worker",
        "11",
        "Gaspé",
        "Ouvrier·ère d'usine – transformation du crabe (saison)",
        4,
        0,
        0,
        False,
    ),
    ("greenhouse_worker", "15", "Mirabel", "Ouvrier(ère) de serre – tomates", 4, 0, 0, True),
    (
        "harvest_worker",
        "16",
        "Saint-Jean-sur-Richelieu",
        "Ouvrier agricole – récolte maraîchère",
        3,
        0,
        0,
        False,
    ),
    (
        "livestock_worker",
        "05",
        "Coaticook",
        "Ouvrier·ère de ferme laitière (traite)",
        4,
        0,
        1,
        True,
    ),
    ("silviculture_worker", "02", "Roberval", "Ouvrier sylvicole / débroussailleur", 4, 0, 0, True),
    (
        "logging_machine_operator",
        "09",
        "Baie-Comeau",
        "Opérateur d'abatteuse multifonctionnelle",
        6,
        0,
        3,
        True,
    ),
    (
        "underground_miner",
        "08",
        "Val-d'Or",
        "Mineur·euse sous terre / Underground miner",
        6,
        0,
        2,
        True,
    ),
    ("underground_miner", "10", "Chibougamau", "Mineur de développement", 6, 0, 3, True),
    ("roofer", "03", "Québec", "Couvreur / couvreuse", 5, 0, 1, True),
    ("drywall_installer", "13", "Laval", "Poseur de gypse – tireur de joints", 5, 0, 2, True),
    (
        "carpenter",
        "07",
        "Gatineau",
        "Charpentier-menuisier / charpentière-menuisière",
        5,
        5,
        2,
        True,
    ),
    ("construction_labourer", "15", "Saint-Jérôme", "Manœuvre de chantier", 4, 0, 0, True),
    (
        "heavy_equipment_operator",
        "01",
        "Rimouski",
        "Opérateur·trice de pelle hydraulique",
        5,
        0,
        3,
        True,
    ),
    (
        "millwright",
        "02",
        "Saguenay",
        "Mécanicien industriel / mécanicienne industrielle",
        6,
        0,
        3,
        True,
    ),
    (
        "industrial_electrician",
        "09",
        "Sept-Îles",
        "Électricien·ne d'usine (plant electrician)",
        7,
        4,
        3,
        True,
    ),
    ("powersports_mechanic", "02", "Alma", "Mécanicien(ne) VLR – motoneiges et VTT", 5, 0, 1, True),
    ("heavy_duty_mechanic", "08", "Amos", "Mécanicien de machinerie lourde", 6, 0, 3, True),
    (
        "truck_driver",
        "12",
        "Lévis",
        "Chauffeur classe 1 – longue distance Canada–É.-U.",
        5,
        6,
        2,
        True,
    ),
    (
        "shipper_receiver",
        "17",
        "Drummondville",
        "Commis à l'expédition et à la réception",
        6,
        0,
        1,
        True,
    ),
    ("warehouse_worker", "14", "Terrebonne", "[en] Warehouse associate – forklift", 4, 5, 0, True),
    ("care_aide", "01", "Rivière-du-Loup", "Préposé(e) aux bénéficiaires – CHSLD", 7, 0, 0, True),
    ("care_aide", "11", "Sainte-Anne-des-Monts", "Préposé aux bénéficiaires", 7, 0, 0, True),
    (
        "practical_nurse",
        "04",
        "Shawinigan",
        "Infirmière auxiliaire / infirmier auxiliaire",
        8,
        0,
        0,
        True,
    ),
    ("registered_nurse", "09", "Baie-Comeau", "Infirmier ou infirmière – urgence", 9, 0, 2, True),
    (
        "early_childhood_educator",
        "05",
        "Sherbrooke",
        "Éducatrice ou éducateur en CPE",
        8,
        0,
        0,
        True,
    ),
    (
        "special_care_counsellor",
        "12",
        "Thetford Mines",
        "Éducateur spécialisé / éducatrice spécialisée",
        8,
        0,
        1,
        True,
    ),
    ("retail_salesperson", "05", "Magog", "Conseiller(ère) aux ventes", 7, 4, 0, True),
    ("cook", "03", "Baie-Saint-Paul", "Cuisinier(ère) – restaurant et traiteur", 5, 0, 2, True),
    ("kitchen_helper", "15", "Mont-Laurier", "Commis de cuisine / aide-cuisinier", 4, 0, 0, True),
    (
        "housekeeper",
        "15",
        "Mont-Tremblant",
        "Préposé(e) à l'entretien ménager – hôtel",
        4,
        0,
        0,
        True,
    ),
    ("janitor", "16", "Granby", "Préposé à l'entretien (conciergerie)", 4, 0, 0, True),
    ("accounting_clerk", "17", "Victoriaville", "Commis comptable", 8, 4, 2, True),
    ("administrative_assistant", "01", "Rimouski", "Adjoint(e) administratif(ve)", 9, 4, 2, True),
]

# Québec administrative regions, Montréal (06) excluded.
REGIONS = [
    "01",
    "02",
    "03",
    "04",
    "05",
    "07",
    "08",
    "09",
    "10",
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
]

# ------------------------------------------------------------------------------ grading


def concept_share(required: list[str], concepts) -> float:
    req = set(required)
    return len(req & set(concepts)) / len(req) if req else 0.0


def region_ok(job_region: str, cand_regions) -> bool:
    return "*" in cand_regions or job_region in cand_regions


def related(a: str, b: str) -> str:
    """'same', 'close', 'field' or '' between two occupations of the table."""
    if a == b:
        return "same"
    if b in CLOSE.get(a, ()):
        return "close"
    if set(OCCUPATIONS[a]["fields"]) & set(OCCUPATIONS[b]["fields"]):
        return "field"
    return ""


def grade(
    job_occupation: str,
    job_required: list[str],
    job_region: str,
    cand_occupation: str,
    cand_concepts,
    cand_regions,
) -> int:
    """The grade of a (job, candidate) pair from the hidden truth only (rules in the docstring)."""
    share = concept_share(job_required, cand_concepts)
    rel = related(job_occupation, cand_occupation)
    if rel == "same" and share >= 0.8:
        return 3 if region_ok(job_region, cand_regions) else 2
    if rel in ("same", "close") and share >= 0.4:
        return 2
    if rel in ("same", "close"):
        return 1
    if rel == "field" and share > 0:
        return 1
    return 0


# ------------------------------------------------------------------------------ writing

_NEIGHBOURS = {
    "a": "qszw", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "zrdsf", "f": "drtgvc",
    "g": "ftyhbv", "h": "gyujnb", "i": "uojk", "j": "huikmn", "k": "jiolm", "l": "kopm",
    "m": "nlkj", "n": "bhjm", "o": "iklp", "p": "olm", "q": "was", "r": "etfd",
    "s": "qzedxw", "t": "rygf", "u": "yihj", "v": "cfgb", "w": "qasx", "x": "wsdc",
    "y": "tugh", "z": "aesx",
}  # fmt: skip


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    ).replace("œ", "oe")


def typo(text: str, rng: random.Random) -> str:
    """One keyboard slip in one word of at least 5 letters: neighbour key, doubled, dropped
    or swapped letter."""
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not spots:
        return text
    i = rng.choice(spots)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    kind = rng.choice(["neighbour", "double", "drop", "swap"])
    if kind == "neighbour" and w[j].lower() in _NEIGHBOURS:
        w = w[:j] + rng.choice(_NEIGHBOURS[w[j].lower()]) + w[j + 1 :]
    elif kind == "double":
        w = w[: j + 1] + w[j] + w[j + 1 :]
    elif kind == "drop":
        w = w[:j] + w[j + 1 :]
    else:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    words[i] = w
    return " ".join(words)


def _inclusive_word(m: str, f: str, style: str) -> str:
    if m == f:
        return m
    k = 0
    while k < min(len(m), len(f)) and m[k] == f[k]:
        k += 1
    fs = f[k:]
    for m_end, f_end in (("teur", "trice"), ("eur", "euse"), ("if", "ive")):
        if m.endswith(m_end) and f.endswith(f_end):  # éducateur·trice, désosseur·euse
            fs = f_end
    if style == "point" and k >= 3:
        return f"{m}·{fs}"
    if style == "paren" and k >= 3:
        return f"{m}({fs})"
    return f"{m}/{f}"


def inclusive(masc: str, fem: str, style: str) -> str:
    """'ouvrier de serre' + 'ouvrière de serre' -> 'ouvrier·ère de serre' (style "point"),
    'préposé(e) aux ...' ("paren"), 'ouvrier/ouvrière ...' ("slash"), 'préposé ou préposée
    aux ...' ("doublet"). Only the words that differ take the mark."""
    mw, fw = masc.split(" "), fem.split(" ")
    if len(mw) != len(fw):
        return f"{masc} / {fem}"
    differ = [i for i, (m, f) in enumerate(zip(mw, fw, strict=True)) if m != f]
    if not differ:
        return masc
    if style == "doublet":  # 'éducateur spécialisé ou éducatrice spécialisée', then the rest
        a, b = differ[0], differ[-1] + 1
        middle = f"{' '.join(mw[a:b])} ou {' '.join(fw[a:b])}"
        return " ".join([*mw[:a], middle, *mw[b:]])
    return " ".join(_inclusive_word(m, f, style) for m, f in zip(mw, fw, strict=True))


def habits(rng: random.Random, english: float) -> dict:
    """How one person writes: gender of titles ("m", "f", or "x" for inclusive forms), share of
    English, whether they type accents at all, how often their fingers slip."""
    return {
        "gender": rng.choices(["m", "f", "x"], [45, 40, 15])[0],
        "english": english,
        "no_accents": rng.random() < 0.18,
        "slip": rng.choice([0.0, 0.0, 0.03, 0.05, 0.08, 0.15]),
    }


def _habit(text: str, rng: random.Random, h: dict) -> str:
    if h["no_accents"]:
        text = strip_accents(text)
    elif rng.random() < 0.04:
        text = strip_accents(text)
    return typo(text, rng) if rng.random() < h["slip"] else text


def write_title(occ: str, rng: random.Random, h: dict) -> str:
    """A desired title in one of many registers, written with the person's habits `h`."""
    o = OCCUPATIONS[occ]
    masc, fem = rng.choice(o["fr"])
    if rng.random() < h["english"] * 0.8:
        return _habit(rng.choice(o["en"]), rng, h)
    if h["gender"] == "x":
        plain = inclusive(masc, fem, rng.choice(["point", "paren", "slash", "doublet"]))
    else:
        plain = masc if h["gender"] == "m" else fem
    register = rng.choices(["plain", "slang", "caps"], [80, 15, 5])[0]
    if register == "slang":
        plain = rng.choice(o["slang"])
    elif register == "caps":
        plain = plain.upper()
    return _habit(plain, rng, h)


def write_skill(concept: str, rng: random.Random, h: dict) -> str:
    forms = CONCEPTS[concept]
    lang = "en" if forms["en"] and rng.random() < h["english"] else "fr"
    text = rng.choice(forms[lang])
    roll = rng.random()
    if roll < 0.08:
        text = text.lower()
    elif roll < 0.11:
        text = text.capitalize()
    return _habit(text, rng, h)


_PLACES = {
    "manufacturing": ("une usine de fabrication", "a manufacturing plant"),
    "food_processing": ("une usine de transformation alimentaire", "a food processing plant"),
    "agriculture": ("une ferme", "a farm"),
    "horticulture": ("une pépinière", "a nursery"),
    "forestry": ("des chantiers forestiers", "forestry camps"),
    "mining": ("une mine souterraine", "an underground mine"),
    "construction": ("des chantiers de construction", "construction sites"),
    "industrial_maintenance": ("une usine de pâtes et papiers", "a pulp and paper mill"),
    "vehicle_repair": ("un garage", "a repair shop"),
    "logistics": ("un centre de distribution", "a distribution centre"),
    "health": ("un CHSLD", "a long-term care home"),
    "education_social": ("un centre jeunesse", "a youth centre"),
    "retail": ("un magasin à grande surface", "a big-box store"),
    "food_service": ("un restaurant", "a restaurant"),
    "building_services": ("un hôtel", "a hotel"),
    "office": ("un bureau de comptables", "an accounting office"),
}


def _join(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def write_summary(occ: str, concepts: list[str], years: int, rng: random.Random, h: dict) -> str:
    """One sentence about the candidate's work, naming the given concepts in prose."""
    o = OCCUPATIONS[occ]
    place_fr, place_en = _PLACES[o["fields"][0]]
    if rng.random() < h["english"]:
        phrases = [rng.choice(CONCEPTS[c]["en"] or CONCEPTS[c]["fr"]) for c in concepts]
        what = _join(phrases, "and") if phrases else "general tasks"
        title = rng.choice(o["en"])
        return rng.choice(
            [
                f"{years} years as a {title}, mostly {what}.",
                f"I worked in {place_en} for {years} years doing {what}.",
                f"Looking for steady work in the regions; experience with {what}.",
            ]
        )
    phrases = [rng.choice(CONCEPTS[c]["fr"]) for c in concepts]
    what = _join(phrases, "et") if phrases else "un peu de tout"
    masc, fem = rng.choice(o["fr"])
    title = rng.choice([masc, fem])
    text = rng.choice(
        [
            f"J'ai {years} ans d'expérience comme {title}, surtout en {what}.",
            f"J'ai travaillé {years} ans dans {place_fr} : {what}.",
            f"Je cherche un emploi stable en région; je connais {what}.",
            f"Travaillant et ponctuel, j'ai fait {what} pendant {years} ans.",
        ]
    )
    return strip_accents(text) if h["no_accents"] else text


# ------------------------------------------------------------------------------ generation

AUTH_STATUSES = [
    "citizen",
    "permanent_resident",
    "open_work_permit",
    "employer_specific_work_permit",
]


def _profile(rng: random.Random) -> dict:
    """Languages, work status and English habit of one person."""
    kind = rng.choices(
        ["local", "franco_newcomer", "anglo_newcomer", "other_newcomer"], [52, 18, 16, 14]
    )[0]
    if kind == "local":
        fr, en = rng.randint(10, 12), rng.choice([0, 2, 4, 5, 6, 7, 8, 9])
        status = rng.choices(["citizen", "permanent_resident"], [92, 8])[0]
        english = 0.08
    elif kind == "franco_newcomer":
        fr, en = rng.randint(9, 12), rng.randint(2, 9)
        english = 0.12
        status = rng.choices(AUTH_STATUSES + ["none"], [5, 30, 25, 32, 8])[0]
    elif kind == "anglo_newcomer":
        fr, en = rng.randint(1, 8), rng.randint(7, 12)
        english = 0.75
        status = rng.choices(AUTH_STATUSES + ["none"], [5, 30, 28, 27, 10])[0]
    else:
        fr, en = rng.randint(3, 9), rng.randint(2, 9)
        english = 0.35
        status = rng.choices(AUTH_STATUSES + ["none"], [3, 27, 25, 35, 10])[0]
    return {"french_level": fr, "english_level": en, "work_status": status, "english": english}


SELF_SELECTION = 0.7


def _meets(job: dict, prof: dict) -> bool:
    if prof["french_level"] < job["french_level_min"]:
        return False
    if prof["english_level"] < job["english_level_min"]:
        return False
    return not job["work_permit_required"] or prof["work_status"] in AUTH_STATUSES


def _regions(
    rng: random.Random, include: str | None = None, exclude: str | None = None
) -> list[str]:
    if include is None and exclude is None and rng.random() < 0.25:
        return ["*"]
    if include is not None and rng.random() < 0.3:
        return ["*"]
    pool = [r for r in REGIONS if r != exclude and r != include]
    chosen = rng.sample(pool, rng.choice([1, 1, 2, 2, 3]))
    if include is not None:
        chosen = [include, *chosen[: rng.randint(0, 2)]]
    return sorted(set(chosen))


def _pick_share(rng: random.Random, required: list[str], low: float, high: float) -> list[str]:
    """A subset of `required` whose share lies in [low, high)."""
    n = len(required)
    counts = [k for k in range(n + 1) if low <= k / n < high] or [round(low * n)]
    return rng.sample(required, rng.choice(counts))


def _make_job(idx: int, spec: tuple, rng: random.Random) -> tuple[dict, dict]:
    occ, region, city, title, fr_min, en_min, exp_min, permit = spec
    o = OCCUPATIONS[occ]
    core = o["concepts"]
    n_req = rng.choice([4, 5, 5, 6]) if len(core) >= 7 else rng.choice([4, 5])
    n_req = min(n_req, len(core) - 1)
    required = core[:2] + rng.sample(core[2:], n_req - 2)  # the two defining concepts first
    rng.shuffle(required)
    rest = [c for c in core if c not in required]
    nice = rng.sample(rest, min(len(rest), rng.randint(1, 2))) + rng.sample(SOFT, rng.randint(0, 2))
    english_posting = title.startswith(EN_MARK)
    title = title.removeprefix(EN_MARK)
    lang = "en" if english_posting else "fr"

    def employer_form(c: str) -> str:
        forms = CONCEPTS[c][lang] or CONCEPTS[c]["fr"]
        return forms[0] if rng.random() < 0.7 else rng.choice(forms)

    job_id = f"jb-{idx:03d}"
    description = (
        f"{o['en'][0].capitalize()} wanted in {city}. Day and night shifts, group insurance."
        if english_posting
        else f"Entreprise de {city} recherche : {title.lower()}. Poste permanent, assurances collectives."
    )
    job = {
        "id": job_id,
        "title": title,
        "description": description,
        "noc": o["noc"],
        "skills_required": [employer_form(c) for c in required],
        "skills_nice": [employer_form(c) for c in nice],
        "region": region,
        "city": city,
        "french_level_min": fr_min,
        "english_level_min": en_min,
        "experience_years_min": exp_min,
        "work_permit_required": permit,
    }
    truth = {"occupation": occ, "required": required, "nice": nice, "region": region}
    return job, truth


def _make_candidate(
    cid: str,
    occ: str,
    concepts: list[str],
    regions: list[str],
    kind: str,
    made_for: str | None,
    rng: random.Random,
    exp_min: int = 0,
    fail: str | int | None = None,
    job: dict | None = None,
    summary_ok: bool = True,
) -> tuple[dict, dict]:
    """Write one candidate profile from its truth. `concepts` is the truth before writing; the
    summary-only register may express only part of it, and the truth kept is what is written."""
    o = OCCUPATIONS[occ]
    prof = _profile(rng)
    if job is not None and fail is None and rng.random() < SELF_SELECTION:
        for _ in range(30):  # people mostly answer postings whose requirements they meet
            if _meets(job, prof):
                break
            prof = _profile(rng)
    if isinstance(fail, int):  # a French level below the job's minimum
        prof["french_level"] = fail
    elif fail == "status":
        prof["work_status"] = "none"
    h = habits(rng, prof["english"])
    years = max(exp_min, rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25]))
    if rng.random() < 0.15:
        years = rng.randint(0, 3)
    summary_only = rng.random() < 0.11 and summary_ok
    if summary_only:
        said = concepts[: rng.randint(2, 4)] if len(concepts) >= 2 else concepts
        listed = said[:1] if rng.random() < 0.3 else []
        skills = [write_skill(c, rng, h) for c in listed]
        summary = write_summary(occ, said, years, rng, h)
        titles = [] if rng.random() < 0.5 else [write_title(occ, rng, h)]
        nocs: list[str] = []
        skill_concepts = list(listed)
        truth_concepts = sorted(set(said))
    else:
        listed = list(concepts)
        soft = rng.sample(SOFT, rng.randint(0, 2))
        listed += soft
        rng.shuffle(listed)
        skills = [write_skill(c, rng, h) for c in listed]
        skill_concepts = listed
        summary = ""
        if rng.random() < 0.35:
            summary = rng.choice(
                [
                    "Travaillant, ponctuel et disponible rapidement.",
                    "Disponible de jour, de soir et de fin de semaine.",
                    "Hard-working and reliable, available immediately.",
                    "Prêt à déménager en région pour un emploi stable.",
                    "",
                ]
            )
        n_titles = rng.choices([1, 2, 3], [55, 33, 12])[0]
        titles = []
        for _ in range(n_titles):
            t = write_title(occ, rng, h)
            if t not in titles:
                titles.append(t)
        if CLOSE[occ] and rng.random() < 0.12:
            titles.append(write_title(rng.choice(sorted(CLOSE[occ])), rng, h))
        roll = rng.random()
        if roll < 0.36:
            nocs = [o["noc"]]
        elif roll < 0.40:
            neighbours = sorted(CLOSE[occ]) or sorted(OCCUPATIONS)
            nocs = [OCCUPATIONS[rng.choice(neighbours)]["noc"]]
        else:
            nocs = []
        truth_concepts = sorted(set(c for c in concepts))
    cand = {
        "id": cid,
        "desired_titles": titles,
        "noc": nocs,
        "skills": skills,
        "summary": summary,
        "french_level": prof["french_level"],
        "english_level": prof["english_level"],
        "experience_years": years,
        "regions": regions,
        "work_status": prof["work_status"],
    }
    truth = {
        "occupation": occ,
        "kind": kind,
        "made_for": made_for,
        "concepts": truth_concepts,
        "skill_concepts": skill_concepts,
        "summary_only": summary_only,
        "fail": fail,
    }
    return cand, truth


def _own_concepts(rng: random.Random, occ: str, lo: int = 3, hi: int = 6) -> list[str]:
    core = OCCUPATIONS[occ]["concepts"]
    return rng.sample(core, min(len(core), rng.randint(lo, hi)))


def build(seed: int = SEED, job_limit: int | None = None, background: int = 110):
    """Return (document, labels, meta). Deterministic for a given seed and arguments."""
    rng = random.Random(seed)
    specs = JOB_SPECS[:job_limit] if job_limit else JOB_SPECS
    jobs, jobs_truth = [], {}
    for i, spec in enumerate(specs, start=1):
        job, truth = _make_job(i, spec, rng)
        jobs.append(job)
        jobs_truth[job["id"]] = truth

    plan: list[tuple] = []  # (occupation, concepts, regions, kind, made_for, exp_min, fail)
    others = sorted(OCCUPATIONS)
    listed_only: set[int] = set()
    for job in jobs:
        t = jobs_truth[job["id"]]
        occ, req, region = t["occupation"], t["required"], t["region"]
        extra = [c for c in OCCUPATIONS[occ]["concepts"] if c not in req]

        def with_extra(base: list[str], extra=extra) -> list[str]:
            return base + rng.sample(extra, min(len(extra), rng.randint(0, 2)))

        exp = job["experience_years_min"]
        for k in range(rng.randint(5, 7)):
            plan.append(
                (
                    occ,
                    with_extra(_pick_share(rng, req, 0.8, 1.01)),
                    _regions(rng, include=region),
                    "strong",
                    job["id"],
                    exp,
                    None,
                )
            )
            if k < 3:  # at least three strong profiles per job list their skills
                listed_only.add(len(plan) - 1)
        fr_min = job["french_level_min"]
        if fr_min >= 1 and (not job["work_permit_required"] or rng.random() < 0.6):
            fail = rng.randint(max(0, fr_min - 4), fr_min - 1)
        else:
            fail = "status"
        plan.append(
            (
                occ,
                with_extra(_pick_share(rng, req, 0.8, 1.01)),
                _regions(rng, include=region),
                "strong_ineligible",
                job["id"],
                exp,
                fail,
            )
        )
        for _ in range(rng.randint(1, 2)):
            plan.append(
                (
                    occ,
                    with_extra(_pick_share(rng, req, 0.8, 1.01)),
                    _regions(rng, exclude=region),
                    "far",
                    job["id"],
                    0,
                    None,
                )
            )
        for _ in range(rng.randint(2, 3)):
            plan.append(
                (
                    occ,
                    with_extra(_pick_share(rng, req, 0.4, 0.8)),
                    _regions(rng, include=region),
                    "partial",
                    job["id"],
                    0,
                    None,
                )
            )
        plan.append(
            (
                occ,
                with_extra(_pick_share(rng, req, 0.0, 0.4)),
                _regions(rng),
                "weak",
                job["id"],
                0,
                None,
            )
        )
        for near in rng.sample(sorted(CLOSE[occ]), min(2, len(CLOSE[occ]))):
            own = _own_concepts(rng, near)
            if rng.random() < 0.6:  # cross-trained: has part of this job's skills too
                own += [c for c in rng.sample(req, rng.randint(1, 3)) if c not in own]
            plan.append((near, own, _regions(rng, include=region), "close", job["id"], 0, None))
        field_mates = [x for x in others if related(occ, x) == "field"]
        for mate in rng.sample(field_mates, min(2, len(field_mates))):
            plan.append(
                (
                    mate,
                    _own_concepts(rng, mate),
                    _regions(rng, include=region),
                    "field",
                    job["id"],
                    0,
                    None,
                )
            )
        looks = LOOKALIKES.get(occ) or rng.sample(others, 2)
        for look in rng.sample(looks, min(2, len(looks))):
            plan.append(
                (
                    look,
                    _own_concepts(rng, look, 4, 6),
                    _regions(rng, include=region),
                    "lookalike",
                    job["id"],
                    0,
                    None,
                )
            )
    for _ in range(background):
        occ = rng.choice(others)
        plan.append((occ, _own_concepts(rng, occ), _regions(rng), "background", None, 0, None))
    plan = [(*p, i not in listed_only) for i, p in enumerate(plan)]
    rng.shuffle(plan)

    candidates, cands_truth = [], {}
    by_id = {j["id"]: j for j in jobs}
    for n, (occ, concepts, regions, kind, made_for, exp, fail, free) in enumerate(plan, start=1):
        cid = f"cb-{n:04d}"
        job = by_id.get(made_for) if made_for else None
        cand, truth = _make_candidate(
            cid, occ, concepts, regions, kind, made_for, rng, exp, fail, job, free
        )
        candidates.append(cand)
        cands_truth[cid] = truth

    labels: dict[str, dict[str, int]] = {}
    for job in jobs:
        t = jobs_truth[job["id"]]
        row = {}
        for cand in candidates:
            c = cands_truth[cand["id"]]
            g = grade(
                t["occupation"],
                t["required"],
                t["region"],
                c["occupation"],
                c["concepts"],
                cand["regions"],
            )
            if g >= 1:
                row[cand["id"]] = g
        labels[job["id"]] = row

    meta = {
        "seed": seed,
        "occupations": {k: v["noc"] for k, v in OCCUPATIONS.items()},
        "fields": {k: v["fields"] for k, v in OCCUPATIONS.items()},
        "close": {k: sorted(v) for k, v in CLOSE.items()},
        "jobs": jobs_truth,
        "candidates": cands_truth,
    }
    return {"jobs": jobs, "candidates": candidates}, labels, meta


def write(out: Path, document: dict, labels: dict, meta: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, data in (
        ("quality.json", document),
        ("quality_labels.json", labels),
        ("quality_meta.json", meta),
    ):
        (out / name).write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    document, labels, meta = build(args.seed)
    write(args.out, document, labels, meta)
    counts = {
        g: sum(1 for row in labels.values() for v in row.values() if v == g) for g in (3, 2, 1)
    }
    per_job3 = [sum(1 for v in row.values() if v == 3) for row in labels.values()]
    per_job2 = [sum(1 for v in row.values() if v == 2) for row in labels.values()]
    print(
        f"{len(document['jobs'])} jobs, {len(document['candidates'])} candidates, "
        f"{len(OCCUPATIONS)} occupations; g3={counts[3]} g2={counts[2]} g1={counts[1]}; "
        f"grade 3 per job {min(per_job3)}..{max(per_job3)}, grade 2 per job {min(per_job2)}..{max(per_job2)}"
    )
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
