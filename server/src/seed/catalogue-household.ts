/**
 * Demo catalogue, non-food: personal care, household supplies (power cuts
 * and mosquitoes included), and baby care.
 */
import type { Line } from "./catalogue-types.ts";
import { brand, flavour, lineIn, q, v } from "./catalogue-types.ts";

const hygiene = lineIn("hygiene");
const home = lineIn("maison");
const baby = lineIn("bebe");

const each = (priceXaf: number) => v("(la pièce)", "(each)", priceXaf);
const packOf = (n: number, priceXaf: number) =>
  v(`(paquet de ${n})`, `(pack of ${n})`, priceXaf, "pack");

export const HYGIENE: readonly Line[] = [
  hygiene(
    "piece",
    "Savon de toilette {}",
    "{} bath soap",
    [q(100, "g", 350), v("(lot de 4 × 100 g)", "(4 × 100 g pack)", 1300)],
    [brand("Lux"), brand("Palmolive", 1.1), brand("Dettol", 1.3)],
  ),
  hygiene("piece", "Savon de ménage Azur", "Azur laundry soap bar", [
    q(400, "g", 400),
  ]),
  hygiene("piece", "Savon de Marseille", "Marseille soap", [q(300, "g", 500)]),
  hygiene(
    "piece",
    "Dentifrice {}",
    "{} toothpaste",
    [q(75, "ml", 700), q(140, "ml", 1200)],
    [brand("Colgate"), brand("Signal", 0.95), brand("Close-Up")],
  ),
  hygiene(
    "piece",
    "Brosse à dents {}",
    "{} toothbrush",
    [each(500)],
    [brand("Colgate"), brand("Signal")],
  ),
  hygiene(
    "piece",
    "Shampoing {}",
    "{} shampoo",
    [v("(sachet 10 ml)", "(10 ml sachet)", 100, "sachet"), q(200, "ml", 1800)],
    [brand("Head & Shoulders", 1.3), brand("Pantene", 1.2), brand("Dop")],
  ),
  hygiene(
    "piece",
    "Lait corporel {}",
    "{} body lotion",
    [q(400, "ml", 3000)],
    [brand("Nivea"), brand("Vaseline")],
  ),
  hygiene(
    "piece",
    "Déodorant {}",
    "{} deodorant spray",
    [q(150, "ml", 1800)],
    [brand("Rexona"), brand("Nivea")],
  ),
  hygiene("pack", "Papier toilette", "toilet paper", [
    v("(le rouleau)", "(single roll)", 200, "piece"),
    packOf(4, 800),
    packOf(12, 2300),
  ]),
  hygiene(
    "pack",
    "Serviettes hygiéniques {}",
    "{} sanitary pads",
    [packOf(8, 900)],
    [brand("Always"), brand("Kotex")],
  ),
  hygiene("pack", "Rasoirs jetables Gillette", "Gillette disposable razors", [
    packOf(5, 1500),
  ]),
  hygiene("piece", "Gel hydroalcoolique", "hand sanitiser", [
    q(100, "ml", 800),
    q(500, "ml", 2500),
  ]),
  hygiene("piece", "Beurre de karité", "shea butter", [q(250, "g", 1500)]),
  hygiene("piece", "Coton-tiges", "cotton buds", [
    v("(boîte de 200)", "(box of 200)", 700),
  ]),
  hygiene("piece", "Huile de coco", "coconut oil", [q(250, "ml", 1200)]),
  hygiene("pack", "Mouchoirs en papier", "paper tissues", [
    v("(étui)", "(pocket pack)", 100, "piece"),
    v("(boîte de 100)", "(box of 100)", 800),
  ]),
];

export const HOUSEHOLD: readonly Line[] = [
  home(
    "sachet",
    "Lessive en poudre {}",
    "{} washing powder",
    [q(30, "g", 100), q(500, "g", 900), q(1, "kg", 1700)],
    [brand("Madar"), brand("OMO", 1.1), brand("Ariel", 1.2)],
  ),
  home("l", "Eau de Javel", "bleach", [q(1, "l", 600), q(5, "l", 2600)]),
  home("piece", "Liquide vaisselle", "washing-up liquid", [q(750, "ml", 1000)]),
  home(
    "piece",
    "Insecticide {}",
    "{} insect spray",
    [q(300, "ml", 1800)],
    [brand("Raid"), brand("Baygon")],
  ),
  home("pack", "Spirales anti-moustiques", "mosquito coils", [
    v("(boîte de 10)", "(box of 10)", 500),
  ]),
  home("piece", "Moustiquaire imprégnée", "treated mosquito net", [
    v("(2 places)", "(double bed)", 3500),
  ]),
  home("pack", "Allumettes", "matches", [
    v("(paquet de 10 boîtes)", "(pack of 10 boxes)", 250),
  ]),
  home("pack", "Bougies", "candles", [packOf(6, 600)]),
  home(
    "pack",
    "Piles AA {}",
    "{} AA batteries",
    [packOf(4, 800)],
    [brand("Panasonic"), brand("Duracell", 2)],
  ),
  home("piece", "Recharge gaz domestique", "cooking gas refill", [
    q(6, "kg", 3250),
    q(12.5, "kg", 6500),
  ]),
  home("sachet", "Charbon de bois", "charcoal", [
    v("(le seau)", "(bucket)", 600),
    v("(le sac)", "(sack)", 5000, "piece"),
  ]),
  home("l", "Pétrole lampant", "kerosene", [q(1, "l", 750)]),
  home("pack", "Sacs poubelle", "bin bags", [
    v("(rouleau de 20)", "(roll of 20)", 800),
  ]),
  home("pack", "Éponges à récurer", "scouring sponges", [
    v("(lot de 3)", "(pack of 3)", 400),
  ]),
  home("piece", "Balai en paille", "straw broom", [each(500)]),
  home("piece", "Papier aluminium", "aluminium foil", [
    v("(rouleau 10 m)", "(10 m roll)", 1200),
  ]),
  home("piece", "Serpillière", "floor cloth", [each(700)]),
  home("piece", "Seau en plastique", "plastic bucket", [q(10, "l", 1000)]),
  home("piece", "Torche LED rechargeable", "rechargeable LED torch", [
    each(3500),
  ]),
];

export const BABY: readonly Line[] = [
  baby(
    "pack",
    "Couches {}",
    "{} nappies",
    [
      v("taille 3 × 30", "size 3 × 30", 5500),
      v("taille 4 × 26", "size 4 × 26", 5500),
      v("taille 5 × 22", "size 5 × 22", 5500),
    ],
    [brand("Molfix"), brand("Pampers", 1.2)],
  ),
  baby(
    "piece",
    "Lait infantile {}",
    "{} infant formula",
    [
      v("1er âge 400 g", "stage 1, 400 g", 5500),
      v("2e âge 400 g", "stage 2, 400 g", 5250),
    ],
    [brand("Guigoz"), brand("Nan", 1.1)],
  ),
  baby(
    "piece",
    "Cérélac {}",
    "Cerelac {}",
    [q(400, "g", 2800)],
    [
      flavour("blé", "wheat"),
      flavour("riz et lait", "rice and milk"),
      flavour("miel et blé", "honey and wheat"),
    ],
  ),
  baby("pack", "Lingettes bébé", "baby wipes", [
    v("(paquet de 64)", "(pack of 64)", 1500),
    v("(lot de 3 × 64)", "(3 × 64 pack)", 4000),
  ]),
  baby("piece", "Biberon", "feeding bottle", [q(250, "ml", 2000)]),
  baby("piece", "Tétine", "dummy", [each(800)]),
  baby("piece", "Huile pour bébé Johnson's", "Johnson's baby oil", [
    q(200, "ml", 2200),
  ]),
  baby("piece", "Savon bébé Johnson's", "Johnson's baby soap", [
    q(100, "g", 700),
  ]),
  baby("piece", "Talc pour bébé", "baby powder", [q(200, "g", 1500)]),
  baby("sachet", "Bouillie de maïs pour bébé", "baby maize porridge (pap)", [
    q(500, "g", 1000),
  ]),
  baby("piece", "Crème pour le change", "nappy rash cream", [
    q(100, "g", 2500),
  ]),
];
