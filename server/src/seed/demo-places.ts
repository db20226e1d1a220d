/**
 * The fixed parts of the demo world: the two cities, ten stores in real
 * neighbourhoods (coordinates within a few hundred metres of the
 * neighbourhood centre), rider names, and demo account holders.
 */

export const DOUALA = "Douala";
export const YAOUNDE = "Yaoundé";
export const DEMO_CITIES = [DOUALA, YAOUNDE] as const;
export type DemoCity = (typeof DEMO_CITIES)[number];

export interface StoreSite {
  /** `dla_akwa`: the part after `st_` in the store ID. */
  short: string;
  city: DemoCity;
  neighbourhood: string;
  address: string;
  lat: number;
  lng: number;
  opens: string;
  closes: string;
}

/** Douala first: the first site is the demo staff account's store. */
export const STORE_SITES: readonly StoreSite[] = [
  {
    short: "dla_akwa",
    city: DOUALA,
    neighbourhood: "Akwa",
    address: "Boulevard de la Liberté, face Hôtel Akwa Palace, Akwa, Douala",
    lat: 4.0489,
    lng: 9.6983,
    opens: "07:00",
    closes: "22:00",
  },
  {
    short: "dla_bonapriso",
    city: DOUALA,
    neighbourhood: "Bonapriso",
    address: "Rue Njo-Njo, Bonapriso, Douala",
    lat: 4.0266,
    lng: 9.6938,
    opens: "07:30",
    closes: "21:30",
  },
  {
    short: "dla_bonamoussadi",
    city: DOUALA,
    neighbourhood: "Bonamoussadi",
    address: "Carrefour Bonamoussadi, Bonamoussadi, Douala",
    lat: 4.0915,
    lng: 9.7427,
    opens: "07:00",
    closes: "21:00",
  },
  {
    short: "dla_deido",
    city: DOUALA,
    neighbourhood: "Deido",
    address: "Rond-point Deido, Deido, Douala",
    lat: 4.0627,
    lng: 9.7105,
    opens: "06:30",
    closes: "21:00",
  },
  {
    short: "dla_makepe",
    city: DOUALA,
    neighbourhood: "Makepe",
    address: "Carrefour Makepe Missoké, Makepe, Douala",
    lat: 4.0768,
    lng: 9.7588,
    opens: "07:00",
    closes: "21:00",
  },
  {
    short: "dla_bonaberi",
    city: DOUALA,
    neighbourhood: "Bonabéri",
    address: "Carrefour Quatre Étages, Bonabéri, Douala",
    lat: 4.0745,
    lng: 9.6637,
    opens: "06:30",
    closes: "20:30",
  },
  {
    short: "yde_bastos",
    city: YAOUNDE,
    neighbourhood: "Bastos",
    address: "Carrefour Bastos, Bastos, Yaoundé",
    lat: 3.8946,
    lng: 11.5093,
    opens: "07:30",
    closes: "22:00",
  },
  {
    short: "yde_mvog_mbi",
    city: YAOUNDE,
    neighbourhood: "Mvog-Mbi",
    address: "Carrefour Mvog-Mbi, près du marché, Mvog-Mbi, Yaoundé",
    lat: 3.8562,
    lng: 11.5213,
    opens: "06:30",
    closes: "21:00",
  },
  {
    short: "yde_essos",
    city: YAOUNDE,
    neighbourhood: "Essos",
    address: "Près du marché d'Essos, Essos, Yaoundé",
    lat: 3.8718,
    lng: 11.5392,
    opens: "07:00",
    closes: "21:00",
  },
  {
    short: "yde_nlongkak",
    city: YAOUNDE,
    neighbourhood: "Nlongkak",
    address: "Rond-point Nlongkak, Nlongkak, Yaoundé",
    lat: 3.8843,
    lng: 11.5196,
    opens: "07:00",
    closes: "21:30",
  },
];

/** Six riders per city; the first Douala rider is the demo rider. */
export const RIDER_NAMES: Readonly<Record<DemoCity, readonly string[]>> = {
  [DOUALA]: [
    "Samuel Ekambi",
    "Patrice Ngando",
    "Hervé Fotso",
    "Junior Ewane",
    "Aristide Kamga",
    "Blaise Ndjock",
  ],
  [YAOUNDE]: [
    "Jean-Pierre Mbarga",
    "Rodrigue Atangana",
    "Paul Essomba",
    "Franck Owona",
    "Yannick Ngono",
    "Landry Mvondo",
  ],
};

/** Display names of the demo account holders. */
export const DEMO_PEOPLE = {
  customer: "Brenda Ngo Mbock",
  staff: "Clarisse Eyango",
  admin: "Administrateur Okada",
} as const;
