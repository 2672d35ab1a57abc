import type { Actor, Place } from './scope.js';
import { allows, type Policy } from './policy.js';

/**
 * What the signed-in user may open, as the web's menus need it (`GET /api/auth/me` → `capabilities`): each module
 * derives its entries from its own policy table and registers them when its door is loaded, so the web shows what
 * the API will serve instead of re-deriving roles. A capability is a name `<area>.<what>`, e.g. `dossiers.read`.
 */
export type CapabilityProvider = (actor: Actor) => readonly string[] | Promise<readonly string[]>;

const providers = new Map<string, CapabilityProvider>();

/** Registers (or replaces) a module's provider. */
export function registerCapabilities(module: string, provider: CapabilityProvider): void {
  providers.set(module, provider);
}

/** Every capability of the actor, sorted. */
export async function capabilitiesOf(actor: Actor): Promise<string[]> {
  const lists = await Promise.all([...providers.values()].map((p) => p(actor)));
  return [...new Set(lists.flat())].sort();
}

/** The actor's own place: its commune, its province, or none for the whole country. */
export function homePlace(actor: Pick<Actor, 'provinceCode' | 'communeCode'>): Place | undefined {
  return actor.provinceCode
    ? { provinceCode: actor.provinceCode, unitCode: actor.communeCode ?? actor.provinceCode }
    : undefined;
}

/**
 * The capabilities a policy grants at the actor's own place (never through `own`: a person's own record is a
 * capability of its own, e.g. `assessments.own`). `names` maps an action of the table to the capability it grants.
 */
export function capabilitiesFrom<A extends string>(
  policy: Policy<A>,
  names: Partial<Record<A, string>>,
  actor: Actor,
): string[] {
  const place = homePlace(actor);
  return (Object.entries(names) as [A, string][])
    .filter(([action]) => allows(policy, action, actor, { place }))
    .map(([, name]) => name);
}
