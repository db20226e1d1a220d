import { describe, expect, it } from "vitest";
import { population } from "./users.ts";

describe("fan-out population", () => {
  it("has the watching staff, the riders, then customers", () => {
    const { listeners, tablet } = population({
      clients: 100,
      staff: 10,
      riders: 40,
      storeId: "st_dla_akwa",
      city: "Douala",
    });
    expect(listeners).toHaveLength(100);
    const roles = listeners.map((u) => u.role);
    expect(roles.filter((r) => r === "staff")).toHaveLength(10);
    expect(roles.filter((r) => r === "rider")).toHaveLength(40);
    expect(roles.filter((r) => r === "customer")).toHaveLength(50);
    expect(new Set(listeners.map((u) => u.id)).size).toBe(100);
    expect(listeners.map((u) => u.id)).not.toContain(tablet.id);
    expect(tablet).toMatchObject({ role: "staff", storeId: "st_dla_akwa" });
  });
});
