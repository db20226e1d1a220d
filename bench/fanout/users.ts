/**
 * The fan-out population and its tokens. Tokens are signed here with
 * the secret the bench gave the server, in the form the server's token
 * service issues (HS256, issuer `okada-sync`, claims role, name,
 * storeId, riderId, city), so a thousand users need no logins.
 */
import { SignJWT } from "jose";

export type FanoutRole = "customer" | "rider" | "staff" | "admin";

export interface FanoutUser {
  id: string;
  role: FanoutRole;
  storeId?: string;
  riderId?: string;
  city?: string;
}

export interface Population {
  /** The clients that listen, in connection order. */
  listeners: FanoutUser[];
  /** The staff tablet that changes statuses (not a listener). */
  tablet: FanoutUser;
}

export interface PopulationSpec {
  clients: number;
  /** Staff of the store who watch its orders. */
  staff: number;
  riders: number;
  storeId: string;
  city: string;
}

const pad = (n: number) => String(n).padStart(4, "0");

/**
 * `staff` watching tablets of the store, `riders` riders, and customers
 * for the rest of `clients`.
 */
export function population(spec: PopulationSpec): Population {
  const { storeId, city } = spec;
  const listeners: FanoutUser[] = [];
  for (let i = 1; i <= spec.staff; i++) {
    listeners.push({
      id: `bench_staff_${pad(i)}`,
      role: "staff",
      storeId,
      city,
    });
  }
  for (let i = 1; i <= spec.riders; i++) {
    const riderId = `rd_bench_${pad(i)}`;
    listeners.push({ id: `bench_${riderId}`, role: "rider", riderId, city });
  }
  const customers = spec.clients - spec.staff - spec.riders;
  for (let i = 1; i <= customers; i++) {
    listeners.push({ id: `bench_customer_${pad(i)}`, role: "customer", city });
  }
  const tablet: FanoutUser = {
    id: "bench_tablet",
    role: "staff",
    storeId,
    city,
  };
  return { listeners, tablet };
}

export async function signToken(
  user: FanoutUser,
  secret: string,
): Promise<string> {
  const claims: Record<string, string> = { role: user.role, name: user.id };
  if (user.city !== undefined) claims["city"] = user.city;
  if (user.storeId !== undefined) claims["storeId"] = user.storeId;
  if (user.riderId !== undefined) claims["riderId"] = user.riderId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user.id)
    .setIssuer("okada-sync")
    .setIssuedAt()
    .setExpirationTime("2h")
    .sign(new TextEncoder().encode(secret));
}
