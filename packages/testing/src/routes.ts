// Which operation a request is for, decided as openapi-backend's router decides it (the template equal to
// the path first, then templates read as patterns, the most literal first; a leading `//` is kept) over a
// table built once. Its own router rebuilds the list of every operation on each call, several times per
// request, so a mock of n operations called n times did O(n²) work: 2,958 operations took twelve minutes.
import type { Operation } from "openapi-backend";

/**
 * What a request's method and path route to: an operation (and any others of the method whose template
 * matches the path too, the most literal first), or the status that says why none.
 */
export type Route = { operation: Operation; others: Operation[] } | { status: 404 | 405 };

interface Entry {
  operation: Operation;
  method: string;
  /** The template as a pattern, as the router reads it (the routed document escapes its literal text). */
  pattern: RegExp;
  /** Characters outside the template's parameters: the longer, the more specific. */
  literalLength: number;
}

const PARAMETER = /\{.*?\}/g;

export class OperationRoutes {
  readonly #entries: Entry[];

  /** `operations`: the router's own list (`router.getOperations()`), in the document's order. */
  constructor(operations: Operation[]) {
    this.#entries = operations.map((operation) => ({
      operation,
      method: operation.method,
      pattern: patternOf(operation.path),
      literalLength: operation.path.replace(PARAMETER, "").length,
    }));
  }

  /** The operation a request is for; 404 when no template matches its path, 405 when none has its method. */
  match(method: string, requestPath: string): Route {
    const wanted = method.trim().toLowerCase();
    let path = requestPath.trim();
    if (!path.startsWith("/")) path = `/${path}`;
    // The query cut, as the router cuts it. A doubled leading slash is kept (the router takes it as one):
    // a template may begin with `//` (Clever Cloud's `//openapi`), and a client sends it so.
    path = path.split("?")[0] as string;
    const exact = this.#entries.find((e) => e.operation.path === path && e.method === wanted);
    if (exact) return { operation: exact.operation, others: [] };
    const matching: Entry[] = [];
    let anyPath = false;
    for (const entry of this.#entries) {
      if (!entry.pattern.test(path)) continue;
      anyPath = true;
      if (entry.method === wanted) matching.push(entry);
    }
    // The first of the most literal templates wins, as a stable sort by literal length would give.
    matching.sort((a, b) => b.literalLength - a.literalLength);
    const [best, ...others] = matching;
    if (best) return { operation: best.operation, others: others.map((e) => e.operation) };
    return { status: anyPath ? 405 : 404 };
  }
}

/** A template as a pattern; one that is no regular expression matches nothing (the router would throw). */
function patternOf(template: string): RegExp {
  try {
    return new RegExp(`^${template.replace(PARAMETER, "[^/]+")}$`);
  } catch {
    return /(?!)/;
  }
}
