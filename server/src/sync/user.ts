/**
 * Who is asking. Built from verified token claims only; never from a
 * request body.
 */
export type Role = "customer" | "rider" | "staff" | "admin";

export interface SyncUser {
  id: string;
  role: Role;
  name: string;
  storeId?: string;
  riderId?: string;
  city?: string;
}
