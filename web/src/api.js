// The JSON API of the server that serves the viewer.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function url(path, params = {}) {
  const target = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item != null && item !== "" && item !== false) target.searchParams.append(name, String(item));
    }
  }
  return target;
}

/** The message of an error body: our `detail` string, or FastAPI's list of validation errors. */
function message(body, response) {
  const detail = body?.detail;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) return detail.map((d) => `${(d.loc || []).join(".")}: ${d.msg}`).join("; ");
  return `${response.status} ${response.statusText}`;
}

export async function getJSON(path, params) {
  const response = await fetch(url(path, params), { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, message(body, response));
  return body;
}

/** The address of a download of the API (an export), with its query. */
export function href(path, params) {
  const target = url(path, params);
  return target.pathname + target.search;
}

export const api = {
  graph: (params) => getJSON("/graph", params),
  actors: () => getJSON("/actors"),
  proposals: () => getJSON("/proposals"),
  relations: () => getJSON("/relations"),
  actor: (id) => getJSON(`/actors/${encodeURIComponent(id)}`),
  proposal: (id) => getJSON(`/proposals/${encodeURIComponent(id)}`),
  statement: (id) => getJSON(`/statements/${encodeURIComponent(id)}`),
  source: (id) => getJSON(`/sources/${encodeURIComponent(id)}`),
  who: (relation, target, directOnly) =>
    getJSON("/who", { relation, target, direct_only: directOnly || null }),
  camps: (proposal) => getJSON(`/camps/${encodeURIComponent(proposal)}`),
  paths: (source, target) => getJSON("/paths", { source, target }),
  network: (kind, params) => getJSON(`/networks/${encodeURIComponent(kind)}`, params),
  coalitions: (params) => getJSON("/coalitions", params),
};
