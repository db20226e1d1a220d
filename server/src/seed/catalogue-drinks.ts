/**
 * Demo catalogue, drinks: the SABC and Guinness Cameroun beers, Top and
 * other sodas, bottled water, local juices, palm wine.
 */
import type { Line } from "./catalogue-types.ts";
import { brand, flavour, lineIn, q, v } from "./catalogue-types.ts";

const line = lineIn("boissons");

export const DRINKS: readonly Line[] = [
  line(
    "piece",
    "Bière {}",
    "{} beer",
    [
      q(65, "cl", 650),
      v("canette 50 cl", "50 cl can", 600),
      v("(casier de 12 × 65 cl)", "(crate of 12 × 65 cl)", 7500, "pack"),
    ],
    [
      brand("Castel"),
      brand("33 Export"),
      brand("Beaufort"),
      brand("Mützig"),
      brand("Kadji"),
      brand("Isenbeck"),
      brand("Heineken", 1.3),
      brand("Guinness", 1.4),
    ],
  ),
  line(
    "piece",
    "Top {}",
    "Top {}",
    [q(60, "cl", 450), q(1.5, "l", 900)],
    [
      flavour("Pamplemousse", "grapefruit"),
      flavour("Ananas", "pineapple"),
      flavour("Orange", "orange"),
      flavour("Grenadine", "grenadine"),
      flavour("Citron", "lemon"),
    ],
  ),
  line(
    "piece",
    "{}",
    "{}",
    [v("canette 33 cl", "33 cl can", 450), q(1.5, "l", 1000)],
    [brand("Coca-Cola"), brand("Fanta Orange"), brand("Sprite")],
  ),
  line("piece", "Djino cocktail de fruits", "Djino fruit cocktail", [
    q(33, "cl", 400),
    q(1.5, "l", 900),
  ]),
  line("piece", "Malta Guinness", "Malta Guinness", [q(33, "cl", 500)]),
  line("piece", "Vimto", "Vimto", [q(33, "cl", 400)]),
  line("piece", "Orangina", "Orangina", [q(33, "cl", 500)]),
  line(
    "piece",
    "Eau minérale {}",
    "{} mineral water",
    [
      q(50, "cl", 250),
      q(1.5, "l", 400),
      v("(pack de 6 × 1,5 l)", "(pack of 6 × 1.5 l)", 2300, "pack"),
      v("(bonbonne 10 l)", "(10 l jug)", 1500),
    ],
    [brand("Supermont"), brand("Tangui", 1.05)],
  ),
  line("l", "Jus d'ananas pressé", "fresh pineapple juice", [q(1, "l", 1000)]),
  line("l", "Jus de foléré", "foléré (hibiscus) juice", [
    q(50, "cl", 300),
    q(1, "l", 600),
  ]),
  line("l", "Jus de gingembre", "ginger juice", [
    q(50, "cl", 300),
    q(1, "l", 600),
  ]),
  line(
    "piece",
    "Jus Ceres {}",
    "Ceres {} juice",
    [q(1, "l", 1800)],
    [flavour("orange", "orange"), flavour("pomme", "apple")],
  ),
  line("l", "Vin de palme", "palm wine", [q(1, "l", 500)]),
  line("piece", "Vin rouge de table", "red table wine", [q(75, "cl", 2500)]),
  line("piece", "Vin rouge de Bordeaux", "Bordeaux red wine", [
    q(75, "cl", 5500),
  ]),
  line(
    "piece",
    "Whisky Johnnie Walker Red Label",
    "Johnnie Walker Red Label whisky",
    [q(70, "cl", 12_500)],
  ),
  line(
    "piece",
    "Boisson énergisante {}",
    "{} energy drink",
    [q(25, "cl", 700)],
    [brand("Power Horse"), brand("Red Bull", 1.5)],
  ),
];
