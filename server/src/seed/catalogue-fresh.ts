/**
 * Demo catalogue, fresh food: market produce, meat and fish, dairy, and
 * the bakery. Prices are typical Douala and Yaoundé retail prices in XAF.
 */
import type { Line } from "./catalogue-types.ts";
import { flavour, lineIn, q, v } from "./catalogue-types.ts";

const produce = lineIn("fruits-legumes");
const fresh = lineIn("frais");
const bakery = lineIn("boulangerie");

const heapOf = (n: number, priceXaf: number) =>
  v(`(tas de ${n})`, `(heap of ${n})`, priceXaf, "pack");
const each = (priceXaf: number) => v("(la pièce)", "(each)", priceXaf, "piece");
const bunch = (priceXaf: number) =>
  v("(la botte)", "(bundle)", priceXaf, "pack");

export const PRODUCE: readonly Line[] = [
  produce("pack", "Plantain mûr", "ripe plantains", [
    heapOf(4, 600),
    heapOf(8, 1150),
    v("(régime)", "(bunch)", 4000, "piece"),
  ]),
  produce("pack", "Plantain vert", "green plantains", [
    heapOf(4, 500),
    heapOf(8, 1000),
    v("(régime)", "(bunch)", 3500, "piece"),
  ]),
  produce("pack", "Bananes douces", "sweet bananas", [
    heapOf(6, 300),
    v("(régime)", "(bunch)", 2000, "piece"),
  ]),
  produce("kg", "Manioc frais", "fresh cassava", [
    q(1, "kg", 400),
    q(5, "kg", 1800),
  ]),
  produce("pack", "Bâtons de manioc", "cassava sticks", [
    v("(paquet de 5)", "(pack of 5)", 500),
    v("(paquet de 10)", "(pack of 10)", 1000),
  ]),
  produce("pack", "Miondo", "miondo (thin cassava sticks)", [
    v("(paquet de 10)", "(pack of 10)", 500),
    v("(paquet de 20)", "(pack of 20)", 1000),
  ]),
  produce("kg", "Macabo", "cocoyams", [q(1, "kg", 500), q(3, "kg", 1400)]),
  produce("kg", "Igname", "yams", [q(1, "kg", 600), q(5, "kg", 2800)]),
  produce("kg", "Patates douces", "sweet potatoes", [
    q(1, "kg", 400),
    q(3, "kg", 1100),
  ]),
  produce("kg", "Pommes de terre de l'Ouest", "West Region potatoes", [
    q(1, "kg", 600),
    q(5, "kg", 2750),
  ]),
  produce("kg", "Tomates", "tomatoes", [
    q(1, "kg", 700),
    v("(cageot)", "(crate)", 9000, "piece"),
  ]),
  produce("kg", "Oignons", "onions", [q(1, "kg", 600), q(5, "kg", 2750)]),
  produce("sachet", "Ail", "garlic", [q(250, "g", 500), q(500, "g", 950)]),
  produce("sachet", "Gingembre", "ginger", [
    q(250, "g", 300),
    q(1, "kg", 1100),
  ]),
  produce("sachet", "Piment frais", "fresh hot pepper", [
    heapOf(10, 200),
    q(500, "g", 800),
  ]),
  produce("sachet", "Ndolé lavé", "washed ndolé (bitter leaves)", [
    v("(paquet)", "(bundle)", 500),
    q(1, "kg", 1500),
  ]),
  produce("sachet", "Feuilles de manioc pilées", "pounded cassava leaves", [
    q(500, "g", 700),
    q(1, "kg", 1300),
  ]),
  produce("sachet", "Okok émincé", "shredded okok (eru)", [
    q(250, "g", 500),
    q(500, "g", 1000),
  ]),
  produce("pack", "Folong", "folong greens (amaranth)", [
    bunch(200),
    v("(3 bottes)", "(3 bundles)", 500),
  ]),
  produce("piece", "Avocats", "avocados", [each(250), heapOf(4, 800)]),
  produce("piece", "Ananas", "pineapple", [each(600)]),
  produce("piece", "Papaye", "papaya", [each(700)]),
  produce("pack", "Mangues", "mangoes", [heapOf(5, 500)]),
  produce("pack", "Oranges", "oranges", [heapOf(6, 500), q(5, "kg", 2500)]),
  produce("sachet", "Safou", "safou (African plums)", [
    q(500, "g", 1000),
    q(1, "kg", 1900),
  ]),
  produce("piece", "Pastèque", "watermelon", [each(1500)]),
  produce("pack", "Citrons verts", "limes", [heapOf(10, 300)]),
  produce("kg", "Carottes", "carrots", [q(1, "kg", 800)]),
  produce("piece", "Chou", "cabbage", [each(600)]),
  produce("sachet", "Gombo", "okra", [q(500, "g", 700)]),
  produce("sachet", "Haricots verts", "green beans", [q(500, "g", 750)]),
  produce("sachet", "Poivrons", "sweet peppers", [q(500, "g", 900)]),
  produce("pack", "Aubergines locales", "garden eggs", [heapOf(6, 300)]),
  produce("pack", "Noix de cola", "kola nuts", [heapOf(5, 500)]),
  produce("piece", "Noix de coco", "coconut", [each(300)]),
  produce("pack", "Céleri et persil", "celery and parsley", [bunch(200)]),
  produce("piece", "Corossol", "soursop", [each(1000)]),
  produce("pack", "Maïs frais", "fresh corn on the cob", [heapOf(4, 500)]),
];

export const FRESH: readonly Line[] = [
  fresh("pack", "Œufs frais", "fresh eggs", [
    v("(boîte de 6)", "(box of 6)", 600),
    v("(plateau de 30)", "(tray of 30)", 2750),
  ]),
  fresh("piece", "Poulet de chair entier", "whole broiler chicken", [
    v("(environ 1,5 kg)", "(about 1.5 kg)", 4500),
  ]),
  fresh("piece", "Poulet bicyclette", "free-range village chicken", [
    each(6000),
  ]),
  fresh("kg", "Cuisses de poulet congelées", "frozen chicken legs", [
    q(1, "kg", 2300),
    v("(carton de 10 kg)", "(10 kg box)", 21_000, "piece"),
  ]),
  fresh("kg", "Viande de bœuf avec os", "beef on the bone", [q(1, "kg", 3000)]),
  fresh("kg", "Filet de bœuf", "beef fillet", [q(1, "kg", 5500)]),
  fresh("sachet", "Viande hachée", "minced beef", [q(500, "g", 2000)]),
  fresh("kg", "Porc", "pork", [q(1, "kg", 2500)]),
  fresh("kg", "Viande de chèvre", "goat meat", [q(1, "kg", 4000)]),
  fresh("kg", "Tilapia frais", "fresh tilapia", [q(1, "kg", 2500)]),
  fresh("kg", "Maquereau congelé", "frozen mackerel", [q(1, "kg", 1800)]),
  fresh("kg", "Bar frais", "fresh croaker (bar)", [q(1, "kg", 3500)]),
  fresh("kg", "Machoirons", "catfish (machoiron)", [q(1, "kg", 3000)]),
  fresh("sachet", "Crevettes fraîches", "fresh prawns", [q(500, "g", 3500)]),
  fresh("piece", "Yaourt nature sucré", "sweetened plain yoghurt", [
    q(125, "g", 300),
    q(1, "l", 1500),
  ]),
  fresh(
    "piece",
    "Yaourt à boire {}",
    "{} drinking yoghurt",
    [q(50, "cl", 800)],
    [flavour("à la fraise", "strawberry"), flavour("vanille", "vanilla")],
  ),
  fresh("piece", "Kossam (lait caillé)", "kossam (curdled milk)", [
    q(50, "cl", 500),
    q(1, "l", 900),
  ]),
  fresh("pack", "Fromage La Vache qui rit", "La Vache qui rit cheese", [
    v("(8 portions)", "(8 portions)", 1100),
    v("(16 portions)", "(16 portions)", 2000),
  ]),
  fresh("piece", "Margarine Blue Band", "Blue Band margarine", [
    q(250, "g", 700),
    q(500, "g", 1300),
  ]),
  fresh("piece", "Beurre doux Président", "Président unsalted butter", [
    q(200, "g", 2000),
  ]),
  fresh("pack", "Saucisses de Francfort", "frankfurter sausages", [
    v("(paquet de 10)", "(pack of 10)", 1800),
  ]),
  fresh("sachet", "Glaçons", "ice cubes", [q(2, "kg", 200)]),
];

export const BAKERY: readonly Line[] = [
  bakery("piece", "Baguette", "baguette", [
    each(150),
    v("(lot de 5)", "(5 pack)", 700, "pack"),
  ]),
  bakery("piece", "Pain de mie", "sliced bread", [
    q(500, "g", 1000),
    v("complet 500 g", "wholemeal 500 g", 1200),
  ]),
  bakery("piece", "Croissant au beurre", "butter croissant", [each(300)]),
  bakery("piece", "Pain au chocolat", "pain au chocolat", [each(350)]),
  bakery("pack", "Pain au lait", "milk bread rolls", [
    v("(paquet de 6)", "(pack of 6)", 900),
  ]),
  bakery("pack", "Beignets", "puff-puff", [
    v("(sachet de 10)", "(bag of 10)", 500),
  ]),
  bakery("sachet", "Chin-chin", "chin chin", [
    q(250, "g", 600),
    q(500, "g", 1100),
  ]),
  bakery("piece", "Cake marbré", "marble cake", [q(400, "g", 1500)]),
  bakery("piece", "Brioche", "brioche", [q(400, "g", 1250)]),
  bakery("piece", "Pain sucré", "sweet bread", [each(250)]),
];
