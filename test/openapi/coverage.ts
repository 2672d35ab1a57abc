/**
 * How much of the API's OpenAPI document describes what the routes answer. Fastify serializes a response from
 * its schema, and a client can only be generated from what the document says: an operation without a 2xx body
 * schema is a hole in the contract.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface MediaType {
  schema?: Record<string, unknown>;
}
interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
}
interface Operation {
  responses?: Record<string, Response>;
}
export interface OpenApiDocument {
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components?: { responses?: Record<string, Response> };
}

export interface ResponseCoverage {
  operations: number;
  /** `METHOD /path` of every operation whose success answer has no described body. */
  withoutBody: string[];
}

/**
 * An operation is covered when one of its 2xx responses has a non-empty body schema (a bare `{}` says nothing),
 * when it answers 204 No Content, which has no body to describe, or when it redirects (301, 302, 303, 307, 308)
 * and describes its Location header.
 */
export function responseCoverage(doc: OpenApiDocument): ResponseCoverage {
  let operations = 0;
  const withoutBody: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operations++;
      if (!hasSuccessBody(doc, operation)) withoutBody.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return { operations, withoutBody };
}

function hasSuccessBody(doc: OpenApiDocument, operation: Operation): boolean {
  return Object.entries(operation.responses ?? {}).some(([code, response]) => {
    // a redirect's answer is where it sends the browser: covered when its Location header is described
    if (/^30[1237]$/.test(code)) return !!resolve(doc, response).headers?.location;
    if (!/^2(\d\d|XX)$/.test(code)) return false;
    if (code === '204') return true;
    const content = resolve(doc, response).content ?? {};
    return Object.values(content).some((media) => !!media.schema && Object.keys(media.schema).length > 0);
  });
}

function resolve(doc: OpenApiDocument, response: Response): Response {
  const name = response.$ref?.match(/^#\/components\/responses\/(.+)$/)?.[1];
  return name ? (doc.components?.responses?.[name] ?? {}) : response;
}
