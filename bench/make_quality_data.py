"""Generate the labelled matching-quality benchmark: bench/data/quality*.json (deterministic).

Usage: .venv/bin/python bench/make_quality_data.py

Labels never come from the engine. Every candidate is generated from a hidden truth (an
occupation of the table below and a set of skill *concepts*); the grade of each (job, candidate)
pair is computed from that truth by `grade()`:

    3  same occupation, >= 80 % of the job's required skill concepts, region OK
    2  same occupation with >= 80 % but region not OK, or same / closely related occupation
       with >= 40 % of the required concepts
    1  same / closely related occupation with fewer skills, or same field with >= 1 concept
    0  anything else (look-alikes of other trades and fields included)

Language levels and work status are NOT part of the grade: the benchmark checks the hard
requirements separately (bench/match_quality.py).

Outputs:
    bench/data/quality.json         exchange-format document {"jobs": [...], "candidates": [...]}
    bench/data/quality_labels.json  {job_id: {candidate_id: grade}} (grade >= 1 only)
    bench/data/quality_meta.json    hidden truth per candidate and job, for analysis
"""

import json
import random
import unicodedata
from pathlib import Path

SEED = 20250611
OUT = Path(__file__).resolve().parent / "data"
REGIONS = [f"{i:02d}" for i in range(1, 18) if i != 6]  # Montréal is not a target region
STATUSES = ["citizen", "permanent_resident", "open_work_permit", "employer_specific_work_permit"]

# ---------------------------------------------------------------------------------- concepts
# id | French | English | other ways people write it (synonyms, abbreviations, brands)
CONCEPTS_TABLE = """
hygiene_care | soins d'hygiène | personal hygiene care | hygiène des bénéficiaires;aide au bain;personal care
transfers | déplacement sécuritaire des bénéficiaires | safe patient handling | PDSB;transferts de patients;patient transfers
feeding_assist | aide à l'alimentation | feeding assistance | aide aux repas des patients;assistance with meals
vital_signs | prise des signes vitaux | vital signs monitoring | signes vitaux;vital signs
dementia | soins aux personnes atteintes de démence | dementia care | Alzheimer;troubles neurocognitifs;soins en démence
infection | prévention des infections | infection prevention and control | PCI;IPAC;contrôle des infections
companionship | accompagnement des personnes âgées | companionship for seniors | soutien aux aînés;elderly companionship
medication | administration des médicaments | medication administration | distribution des médicaments;meds administration
wound | soins de plaies | wound care | pansements;wound dressing
patient_assess | évaluation clinique | patient assessment | évaluation de la condition physique et mentale;clinical assessment
care_plan | plan thérapeutique infirmier | nursing care plan | PTI;care planning
iv | thérapie intraveineuse | IV therapy | soluté;intraveineuses;intravenous therapy
ehr | dossier patient électronique | electronic health records | DPE;EHR;electronic medical records
cpr | RCR | CPR | réanimation cardiorespiratoire;cardiopulmonary resuscitation
first_aid | premiers soins | first aid | secourisme;premiers secours
light_housekeeping | entretien ménager léger | light housekeeping | travaux ménagers;ménage léger
prescriptions | préparation des ordonnances | prescription filling | ordonnances;dispensing
food_prep | préparation des aliments | food preparation | préparation des repas;meal preparation;prep work
food_safety | hygiène et salubrité alimentaires | food safety | MAPAQ;manipulateur d'aliments;food handler certificate
dishwashing | plonge | dishwashing | lavage de la vaisselle;dish washing
kitchen_cleaning | entretien de la cuisine | kitchen cleaning | nettoyage de la cuisine;kitchen sanitation
line_cooking | cuisson sur la ligne | line cooking | cuisine de ligne;cuisson au grill
knife | techniques de coupe au couteau | knife skills | maniement du couteau;coupe au couteau
sauces | préparation des sauces | sauce making | sauces mères;fonds et sauces
menu | élaboration de menus | menu planning | création de menus;menu design
banquet_cooking | cuisine pour banquets | banquet cooking | banquets;cuisine d'événements
kitchen_mgmt | gestion de cuisine | kitchen management | gestion d'une brigade;kitchen supervision
food_cost | contrôle des coûts alimentaires | food cost control | coût de revient;food costing
bread | fabrication du pain | bread making | panification;boulangerie artisanale
pastry | pâtisserie | pastry making | pâtisseries;pastries
dough | pétrissage et façonnage | dough mixing and shaping | façonnage de la pâte;pétrissage;dough shaping
oven | cuisson au four | oven baking | four à sole;deck oven
decoration | décoration de gâteaux | cake decorating | cake decoration;décoration de pâtisseries
table_service | service aux tables | table service | service en salle;serving tables
wine | connaissance des vins | wine knowledge | sommellerie;vins
deboning | désossage | deboning | désosser;boning
meat_cutting | découpe de viande | meat cutting | coupe de viande;découpe de carcasses;carcass breaking
slaughter | abattage et éviscération | slaughtering and evisceration | éviscération;evisceration
cold_chain | respect de la chaîne du froid | cold chain management | chaîne de froid;cold storage
packaging | emballage | packaging | emballage sous vide;packing
pasteurization | pasteurisation | pasteurization | pasteurisation du lait;pasteurizer
cip | lavage NEP | CIP cleaning | nettoyage en place;clean-in-place
haccp | HACCP | HACCP | plan HACCP;analyse des dangers HACCP
customer_service | service à la clientèle | customer service | service client;SAC
pos | caisse enregistreuse | cash register | point de vente;POS
cash_handling | manipulation d'argent | cash handling | gestion de caisse;cash management
shelf_stocking | mise en tablette | shelf stocking | placement de marchandises;stocking shelves
merchandising | mise en marché | merchandising | présentation visuelle;product display
blueprint | lecture de plans | blueprint reading | lecture de dessins techniques;reading technical drawings;plans et devis
mig | soudage MIG | MIG welding | GMAW;soudure MIG;soudage semi-automatique
tig | soudage TIG | TIG welding | GTAW;soudure TIG
smaw | soudage à l'électrode enrobée | stick welding | SMAW;soudure à l'arc;arc welding
fcaw | soudage avec fil fourré | flux-cored arc welding | FCAW;fil fourré
oxy | oxycoupage | oxy-fuel cutting | coupage au chalumeau;torch cutting;oxyacétylène
plasma | coupage plasma | plasma cutting | découpe au plasma;plasma cutter
cwb | certification CWB | CWB certification | CWB;W47.1;certificat CWB
fitting | assemblage de pièces métalliques | metal fitting | ajustage;fitting;assemblage-soudage
grinder | meulage | grinding | meuleuse;grinder
overhead_crane | pont roulant | overhead crane | pont-roulant;overhead crane operation
cnc | usinage CNC | CNC machining | CNC;commande numérique;usinage à commande numérique
gcode | programmation CNC | CNC programming | G-code;code G;programmation G-code
lathe | tour conventionnel | manual lathe | tournage;lathe operation
mill | fraiseuse | milling machine | fraisage;milling
metrology | métrologie | precision measurement | micromètre;instruments de mesure;measuring instruments
setup | réglage de machines | machine setup | mise en course;setup de machines;machine set-up
mastercam | Mastercam | Mastercam | logiciel FAO;CAM software
quality_inspection | contrôle de la qualité | quality inspection | inspection de la qualité;quality control;QC
laser_cutting | découpe laser | laser cutting | coupe au laser;laser cutter
press_brake | presse-plieuse | press brake | plieuse;press brake operation
brakes | réparation des freins | brake repair | freins;brakes
auto_diag | diagnostic électronique automobile | automotive diagnostics | scanner de diagnostic;OBD-II;diagnostic auto
suspension | suspension et direction | steering and suspension | suspension;direction et suspension
wheel_alignment | alignement des roues | wheel alignment | géométrie des roues;alignement
engine | réparation de moteurs | engine repair | mécanique moteur;engine rebuild
vehicle_maint | entretien de véhicules | vehicle maintenance | entretien automobile;changement d'huile;oil change
tires | pose de pneus | tire installation | changement de pneus;tires
saaq | vérification mécanique SAAQ | mechanical safety inspection | PEP;inspection mécanique;safety inspection
body_repair | débosselage | dent repair | réparation de carrosserie;collision repair
auto_painting | peinture automobile | automotive painting | peinture de carrosserie;auto refinishing
hydraulics | hydraulique | hydraulics | systèmes hydrauliques;hydraulic systems
pneumatics | pneumatique | pneumatics | systèmes pneumatiques;pneumatic systems
prev_maint | entretien préventif | preventive maintenance | maintenance préventive;PM
bearings | remplacement de roulements | bearing replacement | roulements;bearings
laser_align | alignement laser d'arbres | laser shaft alignment | alignement d'arbres;shaft alignment
conveyors | convoyeurs | conveyor systems | convoyeur;conveyors
mech_troubleshoot | dépannage mécanique | mechanical troubleshooting | diagnostic de pannes mécaniques;troubleshooting
diesel | moteurs diesel | diesel engines | mécanique diesel;diesel
heavy_equip | réparation d'équipement lourd | heavy equipment repair | machinerie lourde;heavy machinery repair
aircraft_insp | inspection d'aéronefs | aircraft inspection | inspection d'avions;aircraft maintenance inspection
torque | serrage au couple | torque specifications | clé dynamométrique;torque wrench
electrical_code | code de l'électricité | electrical code | CCÉ;code électrique;Canadian Electrical Code
residential_wiring | câblage résidentiel | residential wiring | filage résidentiel;house wiring
panels | installation de panneaux électriques | electrical panel installation | panneaux de distribution;entrée électrique;breaker panels
conduit | pose de conduits | conduit bending | cintrage de conduits;conduit installation
ccq | carte de compétence CCQ | CCQ competency card | carte CCQ;CCQ
plc | automates programmables | PLC programming | API;automate programmable;PLC;Allen-Bradley
motor_controls | commande de moteurs | motor controls | variateurs de vitesse;VFD;démarreurs de moteurs
lockout | cadenassage | lockout/tagout | LOTO;lockout tagout;cadenassage des équipements
elec_troubleshoot | dépannage électrique | electrical troubleshooting | diagnostic électrique;troubleshooting électrique
lineman_work | travaux sous tension | live-line work | travail sous tension;hot stick work
working_heights | travail en hauteur | working at heights | travaux en hauteur;fall protection
pcb_soldering | soudure de circuits imprimés | PCB soldering | soudure à l'étain de composants;soldering of circuit boards
components | assemblage de composants électroniques | electronic component assembly | montage de composants;electronics assembly
esd | protection ESD | ESD handling | décharges électrostatiques;electrostatic discharge
appliance_repair | réparation d'électroménagers | appliance repair | électroménagers;appliance servicing
refrigeration | réfrigération | refrigeration | frigoriste;refrigeration systems
framing | charpente de bois | wood framing | ossature de bois;charpente;framing
finishing_carp | menuiserie de finition | finish carpentry | finition intérieure;moulures;trim carpentry
formwork | coffrage | concrete formwork | coffrages;formwork
power_tools | outils électriques | power tools | outillage électrique;outils portatifs
cabinet_making | fabrication d'armoires | cabinet making | armoires de cuisine;kitchen cabinets
wood_finishing | vernissage | wood finishing | teinture et vernis;finition du bois
plumbing_install | installation de tuyauterie | pipe installation | tuyauterie;piping;plomberie
soldering | brasage | soldering | brasage du cuivre;sweat soldering;soudure à l'étain
fixtures | installation d'appareils sanitaires | plumbing fixture installation | appareils sanitaires;fixtures
drain | débouchage de drains | drain cleaning | drains;drain unclogging
water_heater | installation de chauffe-eau | water heater installation | chauffe-eau;water heaters
sprinklers | systèmes de gicleurs | sprinkler systems | gicleurs;sprinklers
steel_erection | montage de structures d'acier | steel erection | charpentes d'acier;structural steel erection
rigging | gréage | rigging | élingage;rigger
ohs | santé et sécurité au travail | occupational health and safety | SST;OHS;ASP Construction
whmis | SIMDUT | WHMIS | SIMDUT 2015;WHMIS 2015
teamwork | travail d'équipe | teamwork | esprit d'équipe;team player
class1 | permis de conduire classe 1 | Class 1 licence | classe 1;permis classe 1;AZ licence
class2 | permis de conduire classe 2 | Class 2 licence | classe 2;permis classe 2
class4c | permis de conduire classe 4C | Class 4C licence | classe 4C;permis de taxi
class5 | permis de conduire classe 5 | Class 5 driver's licence | permis de conduire;driver's licence;classe 5
logbook | carnet de route | logbook | heures de service;hours of service;registre électronique
circle_check | ronde de sécurité | pre-trip inspection | vérification avant départ;circle check;inspection avant départ
load_securing | arrimage des charges | load securement | arrimage;cargo securement
tdg | transport de matières dangereuses | TDG | TMD;transportation of dangerous goods
winter_driving | conduite hivernale | winter driving | conduite en hiver;driving in winter
manual_trans | transmission manuelle | manual transmission | boîte manuelle;13 vitesses
route_planning | planification d'itinéraires | route planning | itinéraires;GPS
excavator | pelle hydraulique | excavator operation | pelle mécanique;excavatrice;excavator
loader | chargeuse sur roues | wheel loader | chargeuse;loader
grading | nivellement | grading | niveleuse;grader
forklift | chariot élévateur | forklift | cariste;lift truck;carte de cariste
reach_truck | chariot à mât rétractable | reach truck | mât rétractable;reach truck
order_picking | préparation de commandes | order picking | cueillette de commandes;picking;order selection
shipping_receiving | expédition et réception | shipping and receiving | réception de marchandises;shipping;receiving
scanner | lecteur de codes-barres | barcode scanner | scanner;RF scanner;scanneur
inventory | gestion des stocks | inventory management | inventaire;rotation des stocks;inventory control
parts | gestion des pièces | parts management | pièces de rechange;parts counter
data_entry | saisie de données | data entry | entrée de données;keyboarding
python | Python | Python | Python 3;programmation Python
java | Java | Java | Java 17;programmation Java
javascript | JavaScript | JavaScript | JS;ECMAScript;Javascript ES6
sql | SQL | SQL | requêtes SQL;SQL queries
git | Git | Git | GitHub;contrôle de version;version control
react | React | React | React.js;ReactJS
html_css | HTML et CSS | HTML/CSS | HTML5;CSS3;intégration web
tests | tests unitaires | unit testing | tests automatisés;automated testing;pytest
agile | méthodes agiles | Agile methodology | Scrum;agilité;agile
api | API REST | REST APIs | services web;web services;RESTful API
cloud | infonuagique | cloud computing | AWS;Azure;nuage
ux | conception UX | UX design | expérience utilisateur;user experience
figma | Figma | Figma | maquettes Figma;Figma prototyping
photoshop | Photoshop | Photoshop | Adobe Photoshop;retouche photo
helpdesk | soutien aux utilisateurs | user support | centre d'assistance;help desk;service desk;soutien technique
windows_support | soutien Windows | Windows support | Windows 10;Windows 11;support Windows
active_directory | Active Directory | Active Directory | AD;gestion des comptes AD
office365 | Microsoft 365 | Microsoft 365 | Office 365;O365;MS Office
ticketing | système de billets | ticketing system | gestion des billets;ServiceNow;Jira Service Management
networking | réseautique | networking | réseaux informatiques;TCP/IP;LAN
hardware | installation de matériel informatique | hardware installation | montage d'ordinateurs;hardware
cisco | routeurs Cisco | Cisco routers | Cisco;CCNA
firewall | pare-feu | firewalls | coupe-feu;firewall
word | Word | Word | Microsoft Word;traitement de texte;word processing
excel | Excel | Excel | Microsoft Excel;tableur;spreadsheets
scheduling | gestion d'agenda | calendar management | gestion des agendas;prise de rendez-vous;scheduling
correspondence | rédaction de correspondance | business correspondence | rédaction de lettres;correspondance;letter writing
filing | classement | filing | gestion documentaire;archivage;records management
minutes | rédaction de procès-verbaux | minute taking | procès-verbaux;meeting minutes
reception | accueil de la clientèle | greeting visitors | accueil;réception des visiteurs;front desk
phone | réponse téléphonique | switchboard | standard téléphonique;phone answering;appels téléphoniques
medical_terminology | terminologie médicale | medical terminology | vocabulaire médical;terminologie
bookkeeping | tenue de livres | bookkeeping | tenue de livre;comptabilité générale
payables | comptes fournisseurs | accounts payable | comptes à payer;AP
receivables | comptes clients | accounts receivable | comptes à recevoir;AR
payroll | paie | payroll | traitement de la paie;Employeur D;payroll processing
reconciliation | conciliation bancaire | bank reconciliation | rapprochement bancaire;conciliations bancaires
taxes | déclarations de TPS et TVQ | GST/QST returns | TPS TVQ;taxes de vente;sales tax returns
sage | Sage 50 | Sage 50 | Simple Comptable;Sage
quickbooks | QuickBooks | QuickBooks | QuickBooks Online;QBO
reservations | système de réservation | reservation system | réservations;Opera PMS
prospecting | prospection | prospecting | développement de clientèle;lead generation
crm | CRM | CRM | Salesforce;gestion de la relation client
negotiation | négociation | negotiation | négociation commerciale;closing deals
milking | traite des vaches | milking | traite;salle de traite;milking parlour
herd_health | soins du troupeau | herd health | santé du troupeau;soins aux animaux d'élevage;livestock care
feeding_livestock | alimentation du troupeau | livestock feeding | alimentation des animaux;rations;feeding cattle
calving | vêlage | calving | soins aux veaux;calf care
barn_cleaning | nettoyage des étables | barn cleaning | entretien de l'étable;écurage
tractor | conduite de tracteur | tractor operation | tracteur;tractor driving;machinerie agricole
robot_milking | robot de traite | robotic milking | robot Lely;robot DeLaval;milking robot
planting | plantation | planting | semis;repiquage;transplanting
pruning | taille des plants | pruning | taille;effeuillage;pruning plants
harvesting | récolte | harvesting | cueillette;crop harvesting
irrigation | irrigation | irrigation | arrosage;fertigation
pest | lutte intégrée | integrated pest management | IPM;dépistage des ravageurs;pest scouting
sorting | tri et calibrage | sorting and grading | tri des fruits;calibrage
chainsaw | scie à chaîne | chainsaw operation | tronçonneuse;chain saw;abattage manuel
brush_cutting | débroussaillage | brush cutting | débroussailleuse;brushsaw;éclaircie précommerciale
tree_planting | reboisement | tree planting | plantation d'arbres;reforestation
forest_safety | sécurité en forêt | forestry safety | santé et sécurité en forêt;safe forestry practices
skidder | débusqueuse | skidder operation | débardage;skidder
feller | abatteuse multifonctionnelle | harvester operation | abatteuse;feller buncher
child_dev | développement de l'enfant | child development | développement de l'enfance;développement global
educ_program | programme éducatif | early learning curriculum | Accueillir la petite enfance;activités éducatives;educational activities
observation | observation des enfants | child observation | portrait de l'enfant;observation
behaviour | intervention éducative | behaviour guidance | gestion des comportements;behaviour management
parents | communication avec les parents | parent communication | relations avec les parents;liens avec les familles
classroom_support | soutien en classe | classroom support | aide en classe;in-class support
room_cleaning | nettoyage des chambres | room cleaning | entretien des chambres;chambres;housekeeping
laundry | buanderie | laundry | lavage du linge;laundry services
bed_making | confection des lits | bed making | faire les lits;making beds
disinfection | désinfection | disinfection | désinfection des surfaces;sanitizing
floor_care | entretien des planchers | floor care | décapage de planchers;floor stripping
minor_repairs | menues réparations | minor repairs | petites réparations;handyman work
ironing | repassage | ironing | pressage;pressing
stage_set | montage de décors | set building | décors de scène;scenery
stage_lighting | éclairage de scène | stage lighting | éclairage;lighting rig
chairside | assistance au fauteuil | chairside assistance | assistance dentaire;chairside
sterilization | stérilisation des instruments | instrument sterilization | stérilisation;autoclave
dental_xray | radiographies dentaires | dental X-rays | radiographie dentaire;dental radiography
blood_sampling | prélèvements sanguins | blood sampling | ponction veineuse;phlebotomy
microscopy | microscopie | microscopy | microscope;lecture de lames
sewing | couture industrielle | industrial sewing | couture;sewing
fabric_cutting | coupe de tissu | fabric cutting | taillage de tissu;fabric cutting machine
spray_painting | peinture au pistolet | spray painting | pistolet à peinture;spray gun
surface_prep | préparation de surfaces | surface preparation | ponçage;sanding
sandblasting | sablage au jet | sandblasting | jet de sable;abrasive blasting
dog_training | dressage canin | dog training | éducation canine;obedience training
pet_care | soins aux animaux de compagnie | pet care | soins des animaux;animal care
grooming | toilettage | grooming | toilettage canin;dog grooming
canine_behaviour | modification du comportement canin | canine behaviour modification | comportement canin;dog behaviour
vet_assist | assistance en chirurgie vétérinaire | veterinary surgical assistance | assistance vétérinaire;vet assisting
animal_restraint | contention des animaux | animal restraint | contention;restraint
training_plans | planification d'entraînements | training program design | programmes d'entraînement;workout planning
group_animation | animation de groupe | group facilitation | animation;group activities
"""


def _parse_concepts() -> dict[str, dict]:
    out = {}
    for line in CONCEPTS_TABLE.strip().splitlines():
        cid, fr, en, variants = (part.strip() for part in line.split("|"))
        assert cid not in out, cid
        out[cid] = {"fr": fr, "en": en, "variants": [v for v in variants.split(";") if v]}
    return out


CONCEPTS = _parse_concepts()

# ---------------------------------------------------------------------------------- occupations
# key: noc (None when not in NOC 2021 of app/data), field, titles French (masculine, feminine...),
# titles English, bank of skill concepts, closely related occupations (grade 2 is possible).
OCCUPATIONS: dict[str, dict] = {}


def occ(key, noc, field, fr, en, bank, close=()):
    OCCUPATIONS[key] = {
        "noc": noc,
        "field": field,
        "fr": fr,
        "en": en,
        "bank": bank,
        "close": set(close),
    }


# fmt: off
# Health
occ("pab", "33102", "health",
    ["préposé aux bénéficiaires", "préposée aux bénéficiaires", "PAB", "aide-soignante",
     "aide-infirmier"],
    ["patient care attendant", "orderly", "nurse aide", "personal support worker", "PSW"],
    ["hygiene_care", "transfers", "feeding_assist", "vital_signs", "dementia", "infection",
     "companionship", "cpr", "light_housekeeping"],
    close=["homecare", "lpn"])
occ("rn", "31301", "health",
    ["infirmier", "infirmière", "infirmière clinicienne", "infirmier clinicien"],
    ["registered nurse", "nurse", "RN"],
    ["patient_assess", "medication", "iv", "wound", "care_plan", "ehr", "cpr", "infection",
     "vital_signs"],
    close=["lpn"])
occ("lpn", "32101", "health",
    ["infirmier auxiliaire", "infirmière auxiliaire"],
    ["licensed practical nurse", "LPN", "practical nurse"],
    ["medication", "wound", "vital_signs", "infection", "ehr", "cpr", "dementia", "hygiene_care"],
    close=["rn", "pab"])
occ("homecare", "44101", "health",
    ["auxiliaire aux services de santé et sociaux", "ASSS", "aide à domicile",
     "préposée d'aide à domicile"],
    ["home support worker", "caregiver", "home care aide"],
    ["hygiene_care", "light_housekeeping", "food_prep", "companionship", "transfers",
     "first_aid", "medication"],
    close=["pab"])
occ("pharmtech", "32124", "health",
    ["technicienne en pharmacie", "technicien en pharmacie"],
    ["pharmacy technician"],
    ["prescriptions", "medication", "inventory", "customer_service", "data_entry"])
# Childcare and education
occ("ece", "42202", "childcare",
    ["éducatrice à la petite enfance", "éducateur à la petite enfance", "éducatrice en CPE"],
    ["early childhood educator", "ECE", "daycare educator"],
    ["child_dev", "educ_program", "observation", "behaviour", "parents", "first_aid"],
    close=["homechild"])
occ("homechild", "44100", "childcare",
    ["responsable de service de garde en milieu familial", "gardienne d'enfants"],
    ["home child care provider", "nanny"],
    ["child_dev", "first_aid", "food_prep", "parents", "light_housekeeping"],
    close=["ece"])
occ("tassist", "43100", "childcare",
    ["aide-enseignante", "aide-enseignant", "auxiliaire d'enseignement"],
    ["teacher assistant", "educational assistant"],
    ["classroom_support", "behaviour", "first_aid", "group_animation"])
# Food
occ("cook", "63200", "food",
    ["cuisinier", "cuisinière", "cuisinier de ligne", "cuisinière en établissement"],
    ["cook", "line cook", "prep cook"],
    ["line_cooking", "food_prep", "food_safety", "knife", "sauces", "menu", "banquet_cooking",
     "kitchen_cleaning", "inventory"],
    close=["chef", "kitchenhelper"])
occ("chef", "62200", "food",
    ["chef cuisinier", "cheffe cuisinière", "sous-chef", "chef de cuisine"],
    ["chef", "sous chef", "head chef"],
    ["menu", "line_cooking", "food_safety", "sauces", "kitchen_mgmt", "food_cost", "knife"],
    close=["cook"])
occ("kitchenhelper", "65201", "food",
    ["aide-cuisinier", "aide-cuisinière", "plongeur", "commis de cuisine",
     "préposée au comptoir"],
    ["kitchen helper", "dishwasher", "food counter attendant"],
    ["dishwashing", "kitchen_cleaning", "food_prep", "food_safety", "inventory", "knife",
     "customer_service"],
    close=["cook"])
occ("baker", "63202", "food",
    ["boulanger", "boulangère", "boulanger-pâtissier", "pâtissière"],
    ["baker", "pastry baker"],
    ["bread", "pastry", "dough", "oven", "food_safety", "decoration", "inventory"])
occ("server", "65200", "food",
    ["serveur", "serveuse", "serveur de banquet"],
    ["server", "waiter", "waitress"],
    ["table_service", "customer_service", "pos", "wine", "food_safety"])
# Food processing
occ("butcher_ind", "94141", "food_processing",
    ["boucher industriel", "bouchère industrielle", "désosseur", "découpeuse de viande"],
    ["industrial butcher", "meat cutter", "deboner"],
    ["deboning", "meat_cutting", "knife", "cold_chain", "food_safety", "packaging", "slaughter",
     "teamwork"],
    close=["butcher_retail"])
occ("butcher_retail", "63201", "food_processing",
    ["boucher", "bouchère", "boucher de détail"],
    ["butcher", "retail butcher"],
    ["meat_cutting", "knife", "customer_service", "deboning", "food_safety"],
    close=["butcher_ind"])
occ("dairyplant", "94140", "food_processing",
    ["opérateur en usine laitière", "opératrice de procédés alimentaires",
     "préposé à la production en laiterie"],
    ["dairy processing operator", "food process operator"],
    ["pasteurization", "cip", "food_safety", "packaging", "haccp"])
# Welding and metal fitting
occ("welder", "72106", "welding",
    ["soudeur", "soudeuse", "soudeur-monteur", "soudeuse-assembleuse",
     "opérateur de machine à souder"],
    ["welder", "welder-fitter", "MIG welder"],
    ["mig", "smaw", "blueprint", "oxy", "fitting", "grinder", "cwb", "tig", "fcaw", "plasma"],
    close=["fitter"])
occ("fitter", "72104", "welding",
    ["assembleur de charpentes métalliques", "ajusteur-monteur", "monteuse-ajusteuse"],
    ["metal fitter", "structural steel fitter"],
    ["fitting", "blueprint", "mig", "grinder", "oxy", "overhead_crane"],
    close=["welder"])
occ("ironworker", "72105", "welding",
    ["monteur de charpentes métalliques", "monteuse d'acier de structure"],
    ["ironworker", "structural ironworker"],
    ["rigging", "steel_erection", "smaw", "working_heights", "ccq"])
# Machining
occ("machinist", "72100", "machining",
    ["machiniste", "machiniste CNC", "programmeur CNC", "tourneur", "fraiseuse"],
    ["machinist", "CNC machinist", "CNC programmer"],
    ["cnc", "gcode", "blueprint", "metrology", "setup", "lathe", "mill", "mastercam"],
    close=["cncop"])
occ("cncop", "94106", "machining",
    ["opérateur de machines-outils", "opératrice CNC", "opérateur de machine CNC"],
    ["CNC machine operator", "machine tool operator"],
    ["cnc", "setup", "metrology", "blueprint", "quality_inspection"],
    close=["machinist"])
occ("lasercut", "94107", "machining",
    ["opérateur de découpe laser", "opératrice de presse-plieuse"],
    ["laser cutting machine operator", "press brake operator"],
    ["laser_cutting", "press_brake", "blueprint", "setup", "quality_inspection"])
# Vehicle mechanics
occ("automech", "72410", "vehicle_mech",
    ["mécanicien automobile", "mécanicienne automobile", "technicien automobile", "mécano"],
    ["auto mechanic", "automotive service technician"],
    ["brakes", "auto_diag", "suspension", "wheel_alignment", "engine", "vehicle_maint", "tires",
     "saaq"],
    close=["heavymech"])
occ("heavymech", "72401", "vehicle_mech",
    ["mécanicien d'équipement lourd", "mécanicienne de machinerie lourde"],
    ["heavy-duty equipment mechanic", "heavy equipment technician"],
    ["diesel", "hydraulics", "prev_maint", "heavy_equip", "mech_troubleshoot", "mig", "saaq"],
    close=["automech", "millwright"])
occ("bodyshop", "72411", "vehicle_mech",
    ["débosseleur", "carrossière", "technicien en carrosserie"],
    ["auto body technician", "collision repair technician"],
    ["body_repair", "auto_painting", "surface_prep", "mig"])
# Industrial maintenance
occ("millwright", "72400", "industrial_maint",
    ["mécanicien industriel", "mécanicienne industrielle", "mécanicien de chantier",
     "mécanicienne d'entretien"],
    ["industrial mechanic", "millwright", "maintenance mechanic"],
    ["hydraulics", "pneumatics", "prev_maint", "bearings", "laser_align", "mech_troubleshoot",
     "conveyors", "lockout"],
    close=["heavymech", "electromech"])
occ("electromech", "72422", "industrial_maint",
    ["électromécanicien", "électromécanicienne"],
    ["electromechanical technician", "electrical mechanic"],
    ["plc", "motor_controls", "hydraulics", "pneumatics", "prev_maint", "lockout",
     "elec_troubleshoot"],
    close=["millwright", "indelec"])
occ("buildingmaint", "73201", "industrial_maint",
    ["préposé à l'entretien des bâtiments", "concierge d'immeuble", "homme de maintenance"],
    ["building maintenance worker", "building superintendent"],
    ["minor_repairs", "prev_maint", "floor_care", "elec_troubleshoot", "whmis"])
occ("aircraftmech", "72404", "aviation",
    ["mécanicien d'aéronefs", "mécanicienne d'aéronefs", "technicien d'entretien d'aéronefs"],
    ["aircraft mechanic", "aircraft maintenance engineer", "AME"],
    ["aircraft_insp", "hydraulics", "mech_troubleshoot", "torque"])
# Electrical
occ("electrician", "72200", "electrical",
    ["électricien", "électricienne", "électricien en construction", "compagnon électricien"],
    ["electrician", "construction electrician"],
    ["electrical_code", "residential_wiring", "panels", "conduit", "ccq", "blueprint", "lockout"],
    close=["indelec"])
occ("indelec", "72201", "electrical",
    ["électricien industriel", "électricienne industrielle", "électricien d'entretien"],
    ["industrial electrician", "maintenance electrician", "plant electrician"],
    ["plc", "motor_controls", "electrical_code", "lockout", "elec_troubleshoot", "prev_maint",
     "conduit"],
    close=["electrician", "electromech"])
occ("linework", "72203", "electrical",
    ["monteur de lignes", "monteuse de lignes électriques"],
    ["powerline technician", "lineman"],
    ["lineman_work", "working_heights", "lockout", "class2"])
occ("elecassembler", "94201", "electronics_mfg",
    ["assembleur de composants électroniques", "assembleuse électronique"],
    ["electronics assembler"],
    ["pcb_soldering", "components", "quality_inspection", "esd"])
occ("appliancetech", "73200", "installers",
    ["technicien en électroménagers", "réparateur d'électroménagers",
     "technicien en équipement de cuisine commerciale"],
    ["appliance repair technician", "commercial kitchen equipment technician"],
    ["appliance_repair", "elec_troubleshoot", "refrigeration", "customer_service"])
# Construction
occ("carpenter", "72310", "construction",
    ["charpentier-menuisier", "charpentière-menuisière", "menuisier", "charpentier"],
    ["carpenter", "framer", "finish carpenter"],
    ["framing", "finishing_carp", "formwork", "power_tools", "blueprint", "ccq", "ohs"],
    close=["cabinetmaker"])
occ("cabinetmaker", "72311", "construction",
    ["ébéniste", "cuisiniste", "installateur de cuisines"],
    ["cabinetmaker", "kitchen cabinet installer"],
    ["cabinet_making", "finishing_carp", "power_tools", "wood_finishing"],
    close=["carpenter"])
occ("plumber", "72300", "construction",
    ["plombier", "plombière", "compagnon plombier"],
    ["plumber", "journeyman plumber"],
    ["plumbing_install", "soldering", "fixtures", "drain", "water_heater", "ccq", "blueprint"],
    close=["pipefitter"])
occ("pipefitter", "72301", "construction",
    ["tuyauteur", "tuyauteuse", "poseur de gicleurs"],
    ["pipefitter", "steamfitter", "sprinkler fitter"],
    ["plumbing_install", "blueprint", "mig", "sprinklers", "ccq"],
    close=["plumber"])
occ("stagehand", None, "entertainment",
    ["machiniste de scène", "technicienne de scène", "machiniste de plateau"],
    ["stagehand", "stage technician"],
    ["rigging", "stage_set", "power_tools", "stage_lighting", "ohs"])
# Transport
occ("truck", "73300", "transport",
    ["camionneur", "camionneuse", "chauffeur de camion", "chauffeur classe 1",
     "conductrice de semi-remorque"],
    ["truck driver", "long haul driver", "AZ driver", "tractor-trailer driver"],
    ["class1", "logbook", "circle_check", "load_securing", "winter_driving", "tdg",
     "manual_trans"],
    close=["delivery", "bus"])
occ("delivery", "75201", "transport",
    ["chauffeur-livreur", "chauffeuse-livreuse", "livreur"],
    ["delivery driver", "courier driver"],
    ["class5", "route_planning", "customer_service", "circle_check", "winter_driving",
     "load_securing"],
    close=["truck"])
occ("bus", "73301", "transport",
    ["chauffeur d'autobus", "conductrice d'autobus", "chauffeur d'autobus scolaire"],
    ["bus driver", "school bus driver"],
    ["class2", "circle_check", "customer_service", "winter_driving", "first_aid"],
    close=["truck"])
occ("taxi", "75200", "transport",
    ["chauffeur de taxi", "chauffeuse de taxi"],
    ["taxi driver"],
    ["class4c", "customer_service", "route_planning", "winter_driving"])
occ("heavyop", "73400", "heavy_ops",
    ["opérateur d'équipement lourd", "opératrice de machinerie lourde",
     "conducteur d'engins de chantier"],
    ["heavy equipment operator", "excavator operator"],
    ["excavator", "loader", "grading", "circle_check", "ohs"])
# Logistics
occ("forklift", "75101", "logistics",
    ["cariste", "opérateur de chariot élévateur", "manutentionnaire", "préposée à l'entrepôt"],
    ["forklift operator", "material handler", "warehouse worker"],
    ["forklift", "order_picking", "shipping_receiving", "scanner", "inventory", "whmis",
     "reach_truck"],
    close=["shipper"])
occ("shipper", "14400", "logistics",
    ["réceptionnaire", "commis à l'expédition", "commis à la réception de marchandises"],
    ["shipper-receiver", "shipping clerk"],
    ["shipping_receiving", "scanner", "inventory", "forklift", "data_entry"],
    close=["forklift"])
occ("storekeeper", "14401", "logistics",
    ["magasinier", "magasinière", "commis aux pièces"],
    ["storekeeper", "partsperson"],
    ["inventory", "shipping_receiving", "parts", "scanner", "data_entry"])
# IT
occ("softdev", "21232", "it",
    ["développeur de logiciels", "développeuse de logiciels", "programmeur-analyste",
     "programmeuse"],
    ["software developer", "programmer", "backend developer"],
    ["python", "java", "sql", "git", "api", "tests", "agile", "cloud", "javascript"],
    close=["webdev"])
occ("webdev", "21234", "it",
    ["développeur Web", "développeuse Web", "développeur front-end", "programmeuse Web"],
    ["web developer", "front-end developer", "full stack developer"],
    ["javascript", "html_css", "react", "git", "api", "sql", "agile"],
    close=["softdev", "webdesign"])
occ("webdesign", "21233", "it",
    ["concepteur Web", "conceptrice Web", "designer UX"],
    ["web designer", "UX designer"],
    ["html_css", "ux", "figma", "photoshop", "javascript"],
    close=["webdev"])
occ("itsupport", "22221", "it",
    ["technicien en soutien informatique", "technicienne en soutien informatique",
     "technicien help desk", "agente de soutien TI"],
    ["IT support technician", "help desk technician", "desktop support technician"],
    ["helpdesk", "windows_support", "active_directory", "office365", "ticketing",
     "networking", "hardware"],
    close=["network"])
occ("network", "22220", "it",
    ["technicien réseau", "technicienne en réseautique"],
    ["network technician"],
    ["networking", "active_directory", "cisco", "windows_support", "firewall"],
    close=["itsupport"])
# Admin
occ("adminasst", "13110", "admin",
    ["adjoint administratif", "adjointe administrative", "secrétaire", "agente de secrétariat"],
    ["administrative assistant", "secretary", "office assistant"],
    ["word", "excel", "scheduling", "correspondence", "filing", "minutes", "reception", "phone",
     "office365"],
    close=["medadmin", "receptionist"])
occ("medadmin", "13112", "admin",
    ["adjointe administrative médicale", "secrétaire médicale", "agent administratif médical"],
    ["medical secretary", "medical administrative assistant"],
    ["medical_terminology", "scheduling", "ehr", "word", "phone"],
    close=["adminasst"])
occ("officeclerk", "14100", "admin",
    ["commis de bureau", "auxiliaire de bureau", "commis aux écritures"],
    ["general office clerk", "office clerk"],
    ["filing", "word", "data_entry", "phone"])
occ("bookkeeper", "12200", "admin",
    ["technicienne comptable", "technicien en comptabilité", "teneur de livres",
     "commis-comptable senior"],
    ["bookkeeper", "accounting technician"],
    ["bookkeeping", "payables", "receivables", "reconciliation", "taxes", "payroll",
     "quickbooks", "sage", "excel"],
    close=["acctclerk"])
occ("acctclerk", "14200", "admin",
    ["commis comptable", "commis aux comptes fournisseurs", "commis à la facturation"],
    ["accounting clerk", "accounts payable clerk"],
    ["payables", "receivables", "data_entry", "excel", "bookkeeping"],
    close=["bookkeeper"])
occ("receptionist", "14101", "admin",
    ["réceptionniste", "préposée à l'accueil", "standardiste"],
    ["receptionist", "front desk clerk", "switchboard operator"],
    ["reception", "phone", "scheduling", "customer_service", "filing", "word", "excel"],
    close=["hotelfront", "adminasst"])
occ("hotelfront", "64314", "admin",
    ["réceptionniste d'hôtel", "préposé à la réception d'hôtel"],
    ["hotel front desk agent", "front desk agent"],
    ["reception", "customer_service", "reservations", "pos", "phone"],
    close=["receptionist"])
occ("dentalasst", "33100", "dental",
    ["assistante dentaire", "assistant dentaire"],
    ["dental assistant"],
    ["chairside", "sterilization", "dental_xray", "infection", "scheduling"])
occ("medlab", "32120", "laboratory",
    ["technologiste médicale", "technicienne de laboratoire médical"],
    ["medical laboratory technologist", "lab technician"],
    ["blood_sampling", "microscopy", "quality_inspection", "infection"])
# Agriculture and forestry
occ("dairy", "84120", "agriculture",
    ["ouvrier en production laitière", "ouvrière en production laitière", "trayeur", "vacher"],
    ["dairy farm worker", "herdsperson", "milker"],
    ["milking", "herd_health", "feeding_livestock", "calving", "barn_cleaning", "tractor",
     "robot_milking"],
    close=["farmhand"])
occ("farmhand", "85100", "agriculture",
    ["ouvrier agricole", "ouvrière agricole", "aide de ferme", "journalier de ferme"],
    ["farm worker", "farmhand", "farm labourer"],
    ["feeding_livestock", "barn_cleaning", "tractor", "harvesting", "herd_health"],
    close=["dairy"])
occ("greenhouse", "85103", "agriculture",
    ["ouvrier en serre", "ouvrière en serre", "ouvrier de pépinière", "pépiniériste"],
    ["greenhouse worker", "nursery worker", "greenhouse labourer"],
    ["planting", "pruning", "harvesting", "irrigation", "pest", "sorting"],
    close=["harvester"])
occ("harvester", "85101", "agriculture",
    ["cueilleur", "cueilleuse", "ouvrier viticole", "ouvrière maraîchère"],
    ["harvest worker", "fruit picker", "vineyard worker"],
    ["harvesting", "pruning", "planting", "sorting"],
    close=["greenhouse"])
occ("forestworker", "84111", "forestry",
    ["ouvrier sylvicole", "ouvrière sylvicole", "débroussailleur", "bûcheron"],
    ["silviculture worker", "forestry worker", "logger"],
    ["chainsaw", "brush_cutting", "tree_planting", "forest_safety", "first_aid", "skidder"],
    close=["forestlab"])
occ("forestlab", "85120", "forestry",
    ["manœuvre forestier", "planteuse d'arbres", "planteur d'arbres"],
    ["forestry labourer", "tree planter"],
    ["tree_planting", "brush_cutting", "forest_safety", "first_aid"],
    close=["forestworker"])
occ("logger_op", "83110", "forestry",
    ["opérateur d'abatteuse", "opératrice d'abatteuse", "opérateur d'abatteuse multifonctionnelle"],
    ["feller buncher operator", "harvester operator"],
    ["feller", "skidder", "forest_safety", "prev_maint"])
# Cleaning
occ("housekeeper", "65310", "cleaning",
    ["préposé à l'entretien ménager", "préposée à l'entretien ménager", "femme de chambre",
     "préposée aux chambres"],
    ["housekeeper", "room attendant", "housekeeping attendant"],
    ["room_cleaning", "laundry", "bed_making", "disinfection", "whmis", "customer_service"],
    close=["janitor"])
occ("janitor", "65312", "cleaning",
    ["concierge", "préposé à l'entretien", "homme d'entretien"],
    ["janitor", "caretaker", "custodian"],
    ["floor_care", "disinfection", "whmis", "minor_repairs"],
    close=["housekeeper"])
occ("laundry", "65320", "cleaning",
    ["préposée à la buanderie", "préposé à la buanderie"],
    ["laundry attendant", "laundry worker"],
    ["laundry", "ironing", "whmis"])
# Others (distractors)
occ("seamstress", "94132", "textile",
    ["opératrice de machine à coudre industrielle", "opérateur de machine à coudre",
     "couturière", "coupeuse de tissu"],
    ["industrial sewing machine operator", "sewing machine operator"],
    ["sewing", "fabric_cutting", "setup", "quality_inspection"])
occ("indpainter", "94213", "finishing",
    ["peintre industriel", "peintre industrielle", "peintre au pistolet"],
    ["industrial painter", "spray painter"],
    ["spray_painting", "surface_prep", "sandblasting", "whmis"])
occ("bizdev", "64101", "sales",
    ["développeur des affaires", "développeuse des affaires", "représentante des ventes"],
    ["business developer", "business development representative", "sales representative"],
    ["prospecting", "crm", "negotiation", "customer_service", "excel"])
occ("bakerysales", "64100", "retail",
    ["vendeuse en boulangerie", "vendeur en boulangerie-pâtisserie", "commis de comptoir"],
    ["bakery sales clerk", "bakery counter clerk"],
    ["customer_service", "pos", "packaging", "merchandising"])
occ("cashier", "65100", "retail",
    ["caissier", "caissière", "commis d'épicerie", "commis laitier"],
    ["cashier", "grocery clerk"],
    ["pos", "customer_service", "cash_handling", "shelf_stocking"])
occ("dogtrainer", "65220", "animal",
    ["éducateur canin", "éducatrice canine", "toiletteuse", "préposée aux soins des animaux"],
    ["dog trainer", "animal care attendant", "pet groomer"],
    ["dog_training", "pet_care", "grooming", "canine_behaviour"])
occ("vettech", "32104", "animal",
    ["technicienne en santé animale", "technicien en santé animale"],
    ["veterinary technician", "veterinary nurse"],
    ["vet_assist", "animal_restraint", "pet_care", "medication"])
occ("coach", "53201", "sports",
    ["entraîneur", "entraîneuse", "éducateur physique"],
    ["coach", "fitness instructor"],
    ["training_plans", "first_aid", "group_animation"])

for _key, _o in OCCUPATIONS.items():
    for _c in _o["bank"]:
        assert _c in CONCEPTS, (_key, _c)
    for _k in _o["close"]:
        assert _key in OCCUPATIONS[_k]["close"], ("close must be symmetric", _key, _k)

# ---------------------------------------------------------------------------------- jobs
# key, language of the posting, title, region, city, French min, English min, experience min,
# work permit required, required concepts, nice concepts, look-alikes (occupation, forced title)
JOBS_TABLE = [
    ("pab", "fr", "Préposé(e) aux bénéficiaires (PAB)", "01", "Rimouski", 7, 0, 1, True,
     ["hygiene_care", "transfers", "feeding_assist", "vital_signs", "dementia", "infection"],
     ["cpr", "companionship"],
     [("kitchenhelper", "aide-cuisinière"), ("kitchenhelper", "préposée au comptoir"),
      ("housekeeper", "préposée à l'entretien ménager")]),
    ("pab", "en", "Patient care attendant", "05", "Sherbrooke", 5, 6, 0, True,
     ["hygiene_care", "transfers", "feeding_assist", "infection", "companionship"],
     ["vital_signs", "cpr"],
     [("kitchenhelper", "kitchen helper"), ("housekeeper", "housekeeping attendant"),
      ("dogtrainer", "animal care attendant")]),
    ("rn", "en", "Registered nurse", "08", "Rouyn-Noranda", 7, 5, 2, True,
     ["patient_assess", "medication", "iv", "wound", "care_plan", "ehr"],
     ["cpr", "infection"],
     [("greenhouse", "nursery worker"), ("vettech", "veterinary nurse"),
      ("greenhouse", "ouvrier de pépinière")]),
    ("lpn", "fr", "Infirmière auxiliaire / infirmier auxiliaire", "11", "Gaspé", 8, 0, 1, True,
     ["medication", "wound", "vital_signs", "infection", "ehr"],
     ["cpr", "dementia"],
     [("tassist", "auxiliaire d'enseignement"), ("officeclerk", "auxiliaire de bureau"),
      ("vettech", "technicienne en santé animale")]),
    ("homecare", "fr", "Auxiliaire aux services de santé et sociaux", "12", "Saint-Georges",
     7, 0, 0, True,
     ["hygiene_care", "light_housekeeping", "food_prep", "companionship", "transfers"],
     ["first_aid", "medication"],
     [("farmhand", "aide de ferme"), ("kitchenhelper", "aide-cuisinier"),
      ("tassist", "aide-enseignante")]),
    ("cook", "fr", "Cuisinier / cuisinière", "09", "Sept-Îles", 6, 0, 2, True,
     ["line_cooking", "food_prep", "food_safety", "knife", "sauces"],
     ["menu", "banquet_cooking"],
     [("cabinetmaker", "cuisiniste"), ("cabinetmaker", "installateur de cuisines"),
      ("appliancetech", "technicien en équipement de cuisine commerciale")]),
    ("kitchenhelper", "fr", "Aide-cuisinier / aide-cuisinière", "02", "Alma", 5, 0, 0, True,
     ["dishwashing", "kitchen_cleaning", "food_prep", "food_safety", "inventory"],
     ["customer_service", "teamwork"],
     [("pab", "aide-infirmier"), ("pab", "aide-soignante"), ("homecare", "aide à domicile")]),
    ("baker", "en", "Baker", "17", "Drummondville", 4, 5, 1, True,
     ["bread", "pastry", "dough", "oven", "food_safety"],
     ["decoration", "inventory"],
     [("bakerysales", "bakery sales clerk"), ("bakerysales", "vendeuse en boulangerie"),
      ("delivery", "bread delivery driver")]),
    ("butcher_ind", "fr", "Boucher industriel / bouchère industrielle", "16", "Saint-Hyacinthe",
     4, 0, 0, False,
     ["deboning", "meat_cutting", "knife", "cold_chain", "food_safety", "packaging"],
     ["slaughter", "teamwork"],
     [("lasercut", "opérateur de découpe laser"), ("forestworker", "abatteur manuel"),
      ("seamstress", "coupeuse de tissu")]),
    ("welder", "fr", "Soudeur / soudeuse", "12", "Sainte-Marie", 5, 0, 2, True,
     ["mig", "smaw", "blueprint", "oxy", "fitting", "grinder"],
     ["cwb", "tig"],
     [("machinist", "machiniste"), ("cncop", "opérateur de machine CNC"),
      ("seamstress", "opératrice de machine à coudre")]),
    ("welder", "en", "Welder-fitter", "04", "Trois-Rivières", 4, 6, 3, True,
     ["tig", "mig", "cwb", "blueprint", "fitting"],
     ["fcaw", "plasma"],
     [("machinist", "machinist"), ("seamstress", "sewing machine operator"),
      ("lasercut", "laser cutting machine operator")]),
    ("machinist", "fr", "Machiniste CNC", "17", "Victoriaville", 6, 0, 2, True,
     ["cnc", "gcode", "blueprint", "metrology", "setup", "lathe"],
     ["mill", "mastercam"],
     [("welder", "opérateur de machine à souder"), ("stagehand", "machiniste de scène"),
      ("seamstress", "opératrice de machine à coudre industrielle")]),
    ("automech", "fr", "Mécanicien / mécanicienne automobile", "15", "Saint-Jérôme", 6, 0, 2,
     True,
     ["brakes", "auto_diag", "suspension", "wheel_alignment", "engine", "vehicle_maint"],
     ["tires", "saaq"],
     [("millwright", "mécanicien industriel"), ("millwright", "mécanicienne d'entretien"),
      ("aircraftmech", "mécanicien d'aéronefs")]),
    ("millwright", "en", "Industrial mechanic (millwright)", "02", "Saguenay", 5, 5, 3, True,
     ["hydraulics", "pneumatics", "prev_maint", "bearings", "laser_align", "mech_troubleshoot"],
     ["conveyors", "lockout"],
     [("automech", "auto mechanic"), ("automech", "mécanicien automobile"),
      ("aircraftmech", "aircraft mechanic")]),
    ("heavymech", "fr", "Mécanicien / mécanicienne d'équipement lourd", "08", "Val-d'Or", 6, 0,
     3, True,
     ["diesel", "hydraulics", "prev_maint", "heavy_equip", "mech_troubleshoot"],
     ["mig", "saaq"],
     [("heavyop", "opérateur d'équipement lourd"), ("heavyop", "opératrice de machinerie lourde"),
      ("logger_op", "opérateur d'abatteuse")]),
    ("electrician", "fr", "Électricien / électricienne en construction", "03", "Québec", 7, 0, 2,
     True,
     ["electrical_code", "residential_wiring", "panels", "conduit", "ccq"],
     ["blueprint", "lockout"],
     [("elecassembler", "assembleur de composants électroniques"),
      ("elecassembler", "assembleuse électronique"),
      ("appliancetech", "réparateur d'électroménagers")]),
    ("indelec", "en", "Industrial electrician", "09", "Baie-Comeau", 5, 6, 3, True,
     ["plc", "motor_controls", "electrical_code", "lockout", "elec_troubleshoot"],
     ["prev_maint", "conduit"],
     [("indpainter", "industrial painter"), ("elecassembler", "electronics assembler"),
      ("seamstress", "industrial sewing machine operator")]),
    ("carpenter", "fr", "Charpentier-menuisier / charpentière-menuisière", "14", "Joliette", 6,
     0, 2, True,
     ["framing", "finishing_carp", "formwork", "power_tools", "blueprint", "ccq"],
     ["ohs", "teamwork"],
     [("ironworker", "monteur de charpentes métalliques"), ("ironworker", "ironworker"),
      ("stagehand", "machiniste de plateau")]),
    ("plumber", "fr", "Plombier / plombière", "07", "Gatineau", 6, 4, 2, True,
     ["plumbing_install", "soldering", "fixtures", "drain", "water_heater", "ccq"],
     ["blueprint", "ohs"],
     [("kitchenhelper", "plongeur"), ("kitchenhelper", "plongeuse"),
      ("appliancetech", "technicien en électroménagers")]),
    ("truck", "fr", "Chauffeur / chauffeuse de camion classe 1", "12", "Lévis", 5, 0, 2, True,
     ["class1", "logbook", "circle_check", "load_securing", "winter_driving"],
     ["tdg", "manual_trans"],
     [("forklift", "conducteur de chariot élévateur"), ("forklift", "cariste"),
      ("heavyop", "conducteur d'engins de chantier")]),
    ("truck", "en", "Long-haul truck driver (Class 1 / AZ)", "07", "Gatineau", 3, 7, 3, True,
     ["class1", "logbook", "circle_check", "tdg", "load_securing"],
     ["winter_driving", "manual_trans"],
     [("forklift", "forklift driver"), ("forklift", "warehouse worker"),
      ("heavyop", "heavy equipment operator")]),
    ("forklift", "fr", "Cariste / opérateur de chariot élévateur", "17", "Drummondville", 4, 0,
     1, False,
     ["forklift", "order_picking", "shipping_receiving", "scanner", "inventory"],
     ["whmis", "reach_truck"],
     [("cashier", "caissier"), ("harvester", "cueilleur"),
      ("seamstress", "opérateur de machine à coudre")]),
    ("softdev", "en", "Software developer (Python)", "03", "Québec", 5, 7, 2, True,
     ["python", "sql", "git", "api", "tests", "agile"],
     ["cloud", "javascript"],
     [("machinist", "programmeur CNC"), ("bizdev", "développeur des affaires"),
      ("bizdev", "business developer")]),
    ("webdev", "fr", "Développeur Web / développeuse Web", "04", "Trois-Rivières", 7, 4, 1, True,
     ["javascript", "html_css", "react", "git", "api"],
     ["sql", "agile"],
     [("bizdev", "développeuse des affaires"), ("bizdev", "développeur des affaires"),
      ("machinist", "programmeur CNC")]),
    ("itsupport", "fr", "Technicien / technicienne en soutien informatique", "16",
     "Saint-Jean-sur-Richelieu", 7, 5, 1, True,
     ["helpdesk", "windows_support", "active_directory", "office365", "ticketing"],
     ["networking", "hardware"],
     [("medlab", "technicienne de laboratoire médical"),
      ("pharmtech", "technicien en pharmacie"), ("homecare", "préposée d'aide à domicile")]),
    ("adminasst", "fr", "Adjoint administratif / adjointe administrative", "01",
     "Rivière-du-Loup", 9, 5, 2, True,
     ["word", "excel", "scheduling", "correspondence", "filing", "minutes"],
     ["reception", "phone"],
     [("dentalasst", "assistante dentaire"), ("dentalasst", "dental assistant"),
      ("tassist", "aide-enseignante")]),
    ("bookkeeper", "en", "Bookkeeper / accounting technician", "15", "Mont-Tremblant", 6, 6, 2,
     True,
     ["bookkeeping", "payables", "receivables", "reconciliation", "taxes", "payroll"],
     ["quickbooks", "sage"],
     [("storekeeper", "storekeeper"), ("storekeeper", "magasinier"),
      ("kitchenhelper", "commis de cuisine")]),
    ("receptionist", "fr", "Réceptionniste", "04", "Shawinigan", 8, 6, 0, True,
     ["reception", "phone", "scheduling", "customer_service", "filing"],
     ["word", "excel"],
     [("shipper", "réceptionnaire"), ("shipper", "commis à la réception de marchandises"),
      ("cashier", "caissière")]),
    ("dairy", "fr", "Ouvrier / ouvrière en production laitière", "05", "Coaticook", 3, 0, 1,
     False,
     ["milking", "herd_health", "feeding_livestock", "calving", "barn_cleaning"],
     ["tractor", "robot_milking"],
     [("dairyplant", "opérateur en usine laitière"),
      ("dairyplant", "préposé à la production en laiterie"), ("cashier", "commis laitier")]),
    ("greenhouse", "en", "Greenhouse worker", "16", "Saint-Rémi", 0, 4, 0, False,
     ["planting", "pruning", "harvesting", "irrigation", "pest"],
     ["tractor", "teamwork"],
     [("rn", "nurse"), ("rn", "infirmière"), ("lpn", "practical nurse")]),
    ("forestworker", "fr", "Ouvrier sylvicole / ouvrière sylvicole", "10", "Chibougamau", 4, 0,
     0, True,
     ["chainsaw", "brush_cutting", "tree_planting", "forest_safety", "first_aid"],
     ["skidder", "teamwork"],
     [("harvester", "ouvrier viticole"), ("harvester", "ouvrière maraîchère"),
      ("butcher_ind", "préposé à l'abattage")]),
    ("ece", "fr", "Éducatrice / éducateur à la petite enfance", "15", "Sainte-Agathe-des-Monts",
     8, 0, 1, True,
     ["child_dev", "educ_program", "observation", "behaviour", "parents"],
     ["first_aid", "teamwork"],
     [("dogtrainer", "éducateur canin"), ("dogtrainer", "éducatrice canine"),
      ("coach", "éducateur physique")]),
    ("housekeeper", "fr", "Préposé / préposée à l'entretien ménager", "11", "Percé", 4, 3, 0,
     True,
     ["room_cleaning", "laundry", "bed_making", "disinfection", "whmis"],
     ["customer_service", "teamwork"],
     [("pab", "préposée aux bénéficiaires"), ("pab", "préposé aux bénéficiaires"),
      ("millwright", "préposé à l'entretien mécanique")]),
]
# fmt: on

# ---------------------------------------------------------------------------------- writing


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def typo(text: str, rng: random.Random) -> str:
    """One keyboard slip in the longest word: a dropped, doubled or swapped letter."""
    words = text.split(" ")
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) < 6:
        return strip_accents(text).lower()
    p = rng.randrange(2, len(w) - 2)
    kind = rng.choice(["drop", "double", "swap"])
    if kind == "drop":
        w = w[:p] + w[p + 1 :]
    elif kind == "double":
        w = w[:p] + w[p] + w[p:]
    else:
        w = w[:p] + w[p + 1] + w[p] + w[p + 2 :]
    words[i] = w
    return " ".join(words)


def plural(text: str) -> str:
    """Plural of the first word, as people write skills lists: 'soudure' -> 'soudures'."""
    words = text.split(" ")
    if len(words[0]) > 3 and words[0][-1] not in "sxz":
        words[0] += "s"
    return " ".join(words)


def write_skill(cid: str, lang: str, style: str, rng: random.Random) -> str:
    """Write one concept in a language and a style (clean, alias, folded, typo, plural)."""
    c = CONCEPTS[cid]
    base = c[lang]
    if style == "alias" and c["variants"]:
        return rng.choice(c["variants"])
    if style == "folded":
        return strip_accents(base).lower()
    if style == "typo":
        return typo(base, rng)
    if style == "plural":
        return plural(c["fr"])  # French plural / gender forms: 'soudures MIG'

    return base


HARD_STYLES = (["other"] * 35) + (["alias"] * 30) + (["folded"] * 10) + (["typo"] * 15)
HARD_STYLES += ["plural"] * 10
SOFT_STYLES = ["clean"] * 60 + ["alias"] * 20 + ["folded"] * 10 + ["typo"] * 10


def render_skills(concepts, job_lang, cand_lang, hard, rng):
    """Write a candidate's concepts; hard = the other language than the job, or noisy."""
    out = []
    other = "en" if job_lang == "fr" else "fr"
    for cid in concepts:
        style = rng.choice(HARD_STYLES if hard else SOFT_STYLES)
        if style == "other":
            out.append(write_skill(cid, other, "clean", rng))
        elif hard and style in ("typo", "plural", "folded"):
            out.append(write_skill(cid, rng.choice([other, job_lang]), style, rng))
        else:
            out.append(write_skill(cid, cand_lang, style, rng))
    # Casing varies in real profiles.
    return [s.lower() if rng.random() < 0.15 else s for s in out]


def write_title(key: str, lang: str, hard: bool, rng: random.Random, forced: str | None = None):
    o = OCCUPATIONS[key]
    if forced:
        return forced
    if not hard:
        return rng.choice(o[lang])
    form = rng.choice(o["fr"][1:] + o["en"])  # feminine / variants / abbreviations / English
    roll = rng.random()
    if roll < 0.2:
        return strip_accents(form).lower()
    if roll < 0.35:
        return typo(form, rng)
    return form


SUMMARY_FR = [
    "{title}, {years} ans d'expérience. Compétences : {skills}. Prête à m'installer en région.",
    "Je suis {title} avec {years} années d'expérience ({skills}). Je cherche un emploi stable.",
    "{title} ({years} ans). Points forts : {skills}. Disponible rapidement.",
]
SUMMARY_EN = [
    "{title} with {years} years of experience. Skills: {skills}. Happy to move to the regions.",
    "Experienced {title} ({years} years): {skills}. Looking for a permanent position in Québec.",
    "{title}, {years} years. Strengths: {skills}. Available soon.",
]


def write_summary(key, lang, years, skills, rng):
    title = rng.choice(OCCUPATIONS[key][lang][:2])
    template = rng.choice(SUMMARY_FR if lang == "fr" else SUMMARY_EN)
    text = template.format(title=title, years=years, skills=", ".join(skills[:3]))
    return text[0].upper() + text[1:]


# ---------------------------------------------------------------------------------- grading


def relation(job_key: str, cand_key: str) -> str:
    if job_key == cand_key:
        return "same"
    if cand_key in OCCUPATIONS[job_key]["close"]:
        return "close"
    if OCCUPATIONS[job_key]["field"] == OCCUPATIONS[cand_key]["field"]:
        return "field"
    return "none"


def grade(job: dict, cand: dict) -> int:
    """Graded relevance from the hidden truth only (see the module docstring)."""
    rel = relation(job["key"], cand["key"])
    required = set(job["required"])
    cov = len(required & set(cand["concepts"])) / len(required)
    region_ok = "*" in cand["regions"] or job["region"] in cand["regions"]
    if rel == "same" and cov >= 0.8:
        return 3 if region_ok else 2
    if rel in ("same", "close") and cov >= 0.4:
        return 2
    if rel in ("same", "close"):
        return 1
    if rel == "field" and cov > 0:
        return 1
    return 0


# ---------------------------------------------------------------------------------- generation


def language_levels(job, rng, fail: str | None = None):
    profile = rng.choice(["fr", "fr", "en", "bi", "allo"])
    fr, en = {
        "fr": (rng.randint(9, 12), rng.randint(0, 7)),
        "en": (rng.randint(2, 6), rng.randint(9, 12)),
        "bi": (rng.randint(7, 12), rng.randint(7, 12)),
        "allo": (rng.randint(4, 8), rng.randint(3, 8)),
    }[profile]
    if job is not None:
        fr = max(fr, min(12, job["french_min"] + rng.randint(0, 2)))
        en = max(en, min(12, job["english_min"] + rng.randint(0, 2)))
        if fail == "french":
            fr = rng.randint(max(0, job["french_min"] - 4), job["french_min"] - 1)
        if fail == "english":
            en = rng.randint(max(0, job["english_min"] - 4), job["english_min"] - 1)
    return fr, en


def pick_regions(job, rng, ok: bool | None):
    """ok=True: includes the job's region (or anywhere); False: excludes it; None: random."""
    others = [r for r in REGIONS if job is None or r != job["region"]]
    if ok is None:
        if rng.random() < 0.15:
            return ["*"]
        return sorted(rng.sample(REGIONS, rng.randint(1, 3)))
    if not ok:
        return sorted(rng.sample(others, rng.randint(1, 3)))
    roll = rng.random()
    if roll < 0.25:
        return ["*"]
    if roll < 0.5:
        return [job["region"]]
    return sorted({job["region"], *rng.sample(others, rng.randint(1, 2))})


def sample(rng, items, k):
    items = list(items)
    return rng.sample(items, min(k, len(items)))


class Generator:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.jobs: list[dict] = []
        self.candidates: list[dict] = []  # hidden truth + exchange fields

    def make_jobs(self) -> None:
        for n, row in enumerate(JOBS_TABLE, start=1):
            key, lang, title, region, city, fr_min, en_min, exp_min, permit = row[:9]
            required, nice, lookalikes = row[9:]
            for cid in [*required, *nice]:
                assert cid in CONCEPTS, cid
            self.jobs.append(
                {
                    "id": f"J{n:02d}-{key}",
                    "key": key,
                    "lang": lang,
                    "title": title,
                    "region": region,
                    "city": city,
                    "french_min": fr_min,
                    "english_min": en_min,
                    "experience_min": exp_min,
                    "permit": permit,
                    "required": required,
                    "nice": nice,
                    "lookalikes": lookalikes,
                }
            )

    def add(
        self, job, kind, key, concepts, *, hard, regions_ok, fail=None, forced_title=None, want=None
    ):
        """Create one candidate from its hidden truth; retry until it gets the wanted grade."""
        rng = self.rng
        cand_lang = rng.choice(["fr", "en"])
        if hard and job is not None:
            # Written in the other language than the posting, most of the time.
            cand_lang = rng.choice([job["lang"]] + ["en" if job["lang"] == "fr" else "fr"] * 2)
        targeted = job is not None and kind not in ("lookalike", "other")
        fr, en = language_levels(job if targeted else None, rng, fail)
        regions = pick_regions(job, rng, regions_ok)
        if fail == "permit":
            status = "none"
        elif not targeted and rng.random() < 0.1:
            status = "none"
        else:
            status = rng.choice(STATUSES)
        exp_min = job["experience_min"] if job is not None else 0
        years = rng.randint(exp_min, exp_min + 8) if hard else rng.randint(0, 15)
        skills = render_skills(concepts, job["lang"] if job else cand_lang, cand_lang, hard, rng)
        titles = [write_title(key, cand_lang, hard, rng, forced_title)]
        if rng.random() < 0.3:
            titles.append(write_title(key, rng.choice(["fr", "en"]), hard, rng))
        noc = OCCUPATIONS[key]["noc"]
        truth = {
            "key": key,
            "concepts": sorted(set(concepts)),
            "regions": regions,
        }
        if want is not None and job is not None and grade(job, truth) != want:
            raise AssertionError((job["id"], kind, key, grade(job, truth), want))
        self.candidates.append(
            {
                **truth,
                "kind": kind,
                "skill_concepts": list(concepts),
                "made_for": job["id"] if job else None,
                "fail": fail,
                "exchange": {
                    "id": None,
                    "desired_titles": titles,
                    "noc": [noc] if noc and rng.random() < 0.35 else [],
                    "skills": skills,
                    "summary": write_summary(key, cand_lang, years, skills, rng),
                    "french_level": fr,
                    "english_level": en,
                    "experience_years": years,
                    "regions": regions,
                    "work_status": status,
                },
            }
        )

    def for_job(self, job, index: int) -> None:
        rng = self.rng
        key, req, nice = job["key"], job["required"], job["nice"]
        o = OCCUPATIONS[key]
        k = len(req)
        at_least = -(-4 * k // 5)  # ceil(0.8 k)
        extras = [c for c in o["bank"] if c not in req]

        def strong():
            chosen = sample(rng, req, rng.randint(at_least, k))
            chosen += sample(rng, nice, rng.randint(0, 2)) + sample(rng, extras, rng.randint(0, 2))
            if rng.random() < 0.4:
                chosen.append(rng.choice(["teamwork", "customer_service", "whmis", "first_aid"]))
            return list(dict.fromkeys(chosen))

        # grade 3: same occupation, >= 80 % of the required skills, written the hard way
        for _ in range(4):
            self.add(job, "g3", key, strong(), hard=True, regions_ok=True, want=3)
        # great but failing a hard requirement (labelled 3; the benchmark checks eligibility)
        fails = [
            f
            for f, ok in (
                ("french", job["french_min"] >= 2),
                ("english", job["english_min"] >= 2),
                ("permit", job["permit"]),
            )
            if ok
        ]
        for j in range(2):
            fail = fails[(index + j) % len(fails)]
            self.add(
                job, "ineligible", key, strong(), hard=True, regions_ok=True, fail=fail, want=3
            )
        # grade 2: same occupation with about half the skills; a close occupation with half;
        # the same strong profile in the wrong region
        half = [rng.randint(-(-2 * k // 5), (k + 1) // 2) for _ in range(2)]
        self.add(
            job,
            "g2-same-half",
            key,
            sample(rng, req, half[0]) + sample(rng, extras, 2),
            hard=False,
            regions_ok=None,
            want=2,
        )
        close = sorted(o["close"])
        if close:
            ck = rng.choice(close)
            own = [c for c in OCCUPATIONS[ck]["bank"] if c not in req]
            self.add(
                job,
                "g2-close-half",
                ck,
                sample(rng, req, half[1]) + sample(rng, own, 2),
                hard=False,
                regions_ok=None,
                want=2,
            )
        else:
            self.add(
                job,
                "g2-same-half",
                key,
                sample(rng, req, half[1]) + sample(rng, extras, 3),
                hard=True,
                regions_ok=True,
                want=2,
            )
        self.add(job, "g2-wrong-region", key, strong(), hard=True, regions_ok=False, want=2)
        # grade 1: same field with one skill; same occupation with one skill; close with none
        field = sorted(k2 for k2 in OCCUPATIONS if relation(key, k2) == "field")
        for _ in range(2):
            fk = rng.choice(field)
            own = [c for c in OCCUPATIONS[fk]["bank"] if c not in req]
            self.add(
                job,
                "g1-field",
                fk,
                sample(rng, req, 1) + sample(rng, own, 3),
                hard=False,
                regions_ok=None,
                want=1,
            )
        self.add(
            job,
            "g1-same-few",
            key,
            sample(rng, req, 1) + sample(rng, nice, 1),
            hard=False,
            regions_ok=True,
            want=1,
        )
        # grade 0: look-alikes (other trades, shared surface words) and one unrelated profile
        for lk, title in job["lookalikes"]:
            bank = OCCUPATIONS[lk]["bank"]
            self.add(
                job,
                "lookalike",
                lk,
                sample(rng, bank, rng.randint(3, len(bank))),
                hard=False,
                regions_ok=True,
                forced_title=title,
                want=0,
            )
        others = sorted(k2 for k2 in OCCUPATIONS if relation(key, k2) == "none")
        ok = rng.choice(others)
        bank = OCCUPATIONS[ok]["bank"]
        self.add(
            job,
            "other",
            ok,
            sample(rng, bank, rng.randint(3, len(bank))),
            hard=False,
            regions_ok=True,
            want=0,
        )

    def background(self, n: int) -> None:
        """Profiles of every occupation, not made for any job (their grades are computed)."""
        keys = sorted(OCCUPATIONS)
        rng = self.rng
        for _ in range(n):
            key = rng.choice(keys)
            bank = OCCUPATIONS[key]["bank"]
            concepts = sample(rng, bank, rng.randint(2, len(bank)))
            self.add(None, "background", key, concepts, hard=False, regions_ok=None)

    def run(self, n_background: int) -> None:
        self.make_jobs()
        for i, job in enumerate(self.jobs):
            self.for_job(job, i)
        self.background(n_background)
        # Input order must carry no signal: engines break ties by it.
        self.rng.shuffle(self.candidates)
        for i, c in enumerate(self.candidates, start=1):
            c["exchange"]["id"] = f"C{i:04d}"


def job_exchange(job: dict) -> dict:
    cs = CONCEPTS
    lang = job["lang"]
    if lang == "fr":
        description = (
            f"Nous recrutons : {job['title']} à {job['city']}. "
            "Poste permanent à temps plein, accompagnement à l'installation en région."
        )
    else:
        description = (
            f"We are hiring: {job['title']} in {job['city']}. "
            "Permanent full-time position, help with settling in the region."
        )
    return {
        "id": job["id"],
        "title": job["title"],
        "description": description,
        "noc": OCCUPATIONS[job["key"]]["noc"],
        "skills_required": [cs[c][lang] for c in job["required"]],
        "skills_nice": [cs[c][lang] for c in job["nice"]],
        "region": job["region"],
        "city": job["city"],
        "french_level_min": job["french_min"],
        "english_level_min": job["english_min"],
        "experience_years_min": job["experience_min"],
        "work_permit_required": job["permit"],
    }


def main() -> None:
    gen = Generator()
    gen.run(n_background=112)
    document = {
        "jobs": [job_exchange(j) for j in gen.jobs],
        "candidates": [c["exchange"] for c in gen.candidates],
    }
    labels: dict[str, dict[str, int]] = {}
    for job in gen.jobs:
        graded = {c["exchange"]["id"]: grade(job, c) for c in gen.candidates}
        labels[job["id"]] = {cid: g for cid, g in sorted(graded.items()) if g > 0}
    meta = {
        "seed": SEED,
        "grades": "see bench/make_quality_data.py: grade()",
        "occupations": {k: o["noc"] for k, o in OCCUPATIONS.items() if o["noc"]},
        "jobs": {
            j["id"]: {"occupation": j["key"], "required": j["required"], "nice": j["nice"]}
            for j in gen.jobs
        },
        "candidates": {
            c["exchange"]["id"]: {
                "occupation": c["key"],
                "kind": c["kind"],
                "made_for": c["made_for"],
                "fail": c["fail"],
                "concepts": c["concepts"],
                "skill_concepts": c["skill_concepts"],  # aligned with the written skills
            }
            for c in gen.candidates
        },
    }
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in (
        ("quality.json", document),
        ("quality_labels.json", labels),
        ("quality_meta.json", meta),
    ):
        with (OUT / name).open("w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    counts = [0, 0, 0, 0]
    for job in gen.jobs:
        for c in gen.candidates:
            counts[grade(job, c)] += 1
    print(
        f"{len(document['jobs'])} jobs, {len(document['candidates'])} candidates; "
        f"pairs by grade 0..3: {counts}"
    )


if __name__ == "__main__":
    main()
