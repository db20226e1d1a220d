/**
 * Demo catalogue, dry groceries (épicerie): staples, oils, spices, tins,
 * dried and smoked fish, breakfast.
 */
import type { Line } from "./catalogue-types.ts";
import { brand, flavour, lineIn, q, v } from "./catalogue-types.ts";

const line = lineIn("epicerie");

export const GROCERY: readonly Line[] = [
  line(
    "sachet",
    "Riz parfumé {}",
    "{} fragrant rice",
    [q(1, "kg", 900), q(5, "kg", 4250), q(25, "kg", 17_000, "piece")],
    [
      brand("Mémé Cassé"),
      brand("Royal Umbrella", 1.3),
      brand("Uncle Ben's", 1.4),
    ],
  ),
  line("sachet", "Riz local de Ndop", "Ndop local rice", [
    q(1, "kg", 800),
    q(5, "kg", 3800),
  ]),
  line("l", "Huile de palme", "red palm oil", [
    q(50, "cl", 650),
    q(1, "l", 1200),
    q(5, "l", 5750),
  ]),
  line(
    "l",
    "Huile végétale raffinée {}",
    "{} refined vegetable oil",
    [q(1, "l", 1500), q(5, "l", 7250)],
    [brand("Diamaor"), brand("Mayor", 1.05)],
  ),
  line("sachet", "Arachides décortiquées", "shelled groundnuts", [
    q(500, "g", 800),
    q(1, "kg", 1500),
  ]),
  line("sachet", "Arachides grillées", "roasted groundnuts", [
    q(250, "g", 500),
  ]),
  line("piece", "Pâte d'arachide", "groundnut paste", [q(500, "g", 1000)]),
  line("sachet", "Pistache (graines de courge)", "egusi (melon seeds)", [
    q(500, "g", 1750),
    q(1, "kg", 3400),
  ]),
  line("sachet", "Haricots rouges", "red beans", [
    q(1, "kg", 900),
    q(5, "kg", 4300),
  ]),
  line("sachet", "Haricots blancs", "white beans", [q(1, "kg", 1000)]),
  line("sachet", "Maïs sec", "dried maize", [
    q(1, "kg", 400),
    q(5, "kg", 1900),
  ]),
  line("sachet", "Farine de maïs", "maize flour", [q(1, "kg", 600)]),
  line("sachet", "Couscous de manioc", "cassava fufu flour", [
    q(1, "kg", 700),
    q(5, "kg", 3250),
  ]),
  line("sachet", "Tapioca (gari)", "garri", [
    q(1, "kg", 700),
    q(5, "kg", 3250),
  ]),
  line("sachet", "Semoule de blé", "wheat semolina", [q(1, "kg", 900)]),
  line(
    "sachet",
    "Spaghetti {}",
    "{} spaghetti",
    [q(500, "g", 500)],
    [brand("Panzani", 1.2), brand("Reggia")],
  ),
  line("sachet", "Macaroni Panzani", "Panzani macaroni", [q(500, "g", 650)]),
  line("piece", "Concentré de tomate Gino", "Gino tomato paste", [
    q(70, "g", 100),
    q(210, "g", 350),
    q(400, "g", 650),
  ]),
  line(
    "pack",
    "Bouillon {}",
    "{} stock cubes",
    [
      v("(paquet de 10 cubes)", "(pack of 10)", 250),
      v("(boîte de 100 cubes)", "(box of 100)", 2400),
    ],
    [brand("Maggi"), brand("Jumbo", 0.95)],
  ),
  line("sachet", "Sel iodé", "iodised salt", [
    q(500, "g", 200),
    q(1, "kg", 350),
  ]),
  line(
    "sachet",
    "Sucre SOSUCAM {}",
    "SOSUCAM {} sugar",
    [q(1, "kg", 1100), q(5, "kg", 5000)],
    [flavour("en morceaux", "cube"), flavour("en poudre", "granulated", 0.9)],
  ),
  line("sachet", "Farine de blé", "wheat flour", [
    q(1, "kg", 700),
    q(2, "kg", 1350),
    q(10, "kg", 6500),
  ]),
  line(
    "piece",
    "Lait concentré non sucré {}",
    "{} evaporated milk",
    [q(170, "g", 350), q(410, "g", 650)],
    [brand("Bonnet Rouge"), brand("Peak", 1.1)],
  ),
  line("piece", "Lait concentré sucré Nestlé", "Nestlé condensed milk", [
    q(397, "g", 900),
  ]),
  line("piece", "Lait en poudre Nido", "Nido powdered milk", [
    v("(sachet 25 g)", "(25 g sachet)", 150, "sachet"),
    q(400, "g", 3200),
    q(900, "g", 6500),
    q(2.5, "kg", 16_500),
  ]),
  line("piece", "Nescafé Classic", "Nescafé Classic", [
    q(50, "g", 1100),
    q(200, "g", 4000),
  ]),
  line(
    "sachet",
    "Café moulu arabica de l'Ouest",
    "West Region arabica ground coffee",
    [q(250, "g", 1800)],
  ),
  line("pack", "Thé Lipton Yellow Label", "Lipton Yellow Label tea", [
    v("(25 sachets)", "(25 bags)", 900),
    v("(100 sachets)", "(100 bags)", 3200),
  ]),
  line("piece", "Milo", "Milo chocolate drink", [q(400, "g", 2600)]),
  line("piece", "Pâte à tartiner Tartina", "Tartina chocolate spread", [
    q(400, "g", 1750),
    q(1, "kg", 3500),
  ]),
  line("piece", "Chocolat Mambo", "Mambo chocolate", [
    v("(barre 25 g)", "(25 g bar)", 150),
    v("(tablette 100 g)", "(100 g bar)", 700),
  ]),
  line("piece", "Sardines à l'huile", "sardines in oil", [q(125, "g", 450)]),
  line("piece", "Maquereau à la tomate", "mackerel in tomato sauce", [
    q(425, "g", 1250),
  ]),
  line("piece", "Poisson fumé (maquereau)", "smoked mackerel", [
    v("(la pièce)", "(each)", 1000),
    v("(tas de 3)", "(heap of 3)", 2800, "pack"),
  ]),
  line("piece", "Silure fumé", "smoked catfish", [
    v("(la pièce)", "(each)", 2500),
  ]),
  line("sachet", "Crevettes séchées", "dried crayfish", [
    q(100, "g", 700),
    q(500, "g", 3000),
  ]),
  line("piece", "Stockfish (morue séchée)", "stockfish", [
    v("(la pièce)", "(each)", 3500),
  ]),
  line("sachet", "Poivre blanc de Penja", "Penja white pepper", [
    q(50, "g", 1500),
    q(100, "g", 2800),
  ]),
  line("sachet", "Njansang", "njangsa seeds", [q(100, "g", 800)]),
  line("sachet", "Épices pour mbongo", "mbongo spice mix", [q(50, "g", 500)]),
  line("sachet", "Piment en poudre", "ground chilli", [q(100, "g", 400)]),
  line("piece", "Mayonnaise", "mayonnaise", [
    q(250, "ml", 950),
    q(500, "ml", 1700),
  ]),
  line("piece", "Ketchup", "ketchup", [q(500, "g", 1200)]),
  line("pack", "Biscuits au beurre", "butter biscuits", [
    q(100, "g", 250),
    q(400, "g", 900),
  ]),
  line("piece", "Petits pois en conserve", "tinned garden peas", [
    q(400, "g", 700),
  ]),
  line("piece", "Maïs doux en conserve", "tinned sweet corn", [
    q(340, "g", 750),
  ]),
  line("piece", "Vinaigre blanc", "white vinegar", [q(1, "l", 700)]),
  line("piece", "Miel blanc d'Oku", "Oku white honey", [
    q(500, "g", 3000),
    q(1, "kg", 5500),
  ]),
  line("piece", "Corn Flakes Kellogg's", "Kellogg's Corn Flakes", [
    q(500, "g", 3500),
  ]),
  line("piece", "Flocons d'avoine Quaker", "Quaker rolled oats", [
    q(500, "g", 1800),
  ]),
];
