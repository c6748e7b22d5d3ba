/**
 * Limited-scope tokens (docs/kivra-api.md §2.2): `<methods>:<path>`, methods comma-separated and
 * lower case, path dotted from `kivra`, `*` one segment, `**` the rest. Several scopes
 * are separated by spaces (the PHP client's reading; docs/kivra-api.md §9.8).
 */

export interface ScopeRule {
  methods: ReadonlySet<string> | null;
  segments: string[];
}

export function parseScope(text: string): ScopeRule[] | undefined {
  const rules: ScopeRule[] = [];
  for (const item of text.trim().split(/\s+/)) {
    const colon = item.indexOf(':');
    const methodPart = colon === -1 ? null : item.slice(0, colon);
    const pathPart = colon === -1 ? item : item.slice(colon + 1);
    const segments = pathPart.split('.');
    if (segments[0] !== 'kivra' || segments.some((s) => s === '')) return undefined;
    const methods = methodPart === null ? null : methodPart.split(',');
    if (methods && methods.some((m) => !/^(get|post|put|patch|delete)$/.test(m))) return undefined;
    rules.push({ methods: methods ? new Set(methods) : null, segments });
  }
  return rules.length > 0 ? rules : undefined;
}

/** Whether any rule allows `method` on the URL `path` (e.g. `/v2/tenant/K/content`). */
export function scopeAllows(rules: readonly ScopeRule[], method: string, path: string): boolean {
  const target = ['kivra', ...path.split('/').filter((s) => s !== '')];
  const verb = method.toLowerCase();
  // Kivra declares usermatch's scope as `get:…usermatch.ssn` although the call is a POST
  // (docs/kivra-api.md §2.2): a token issued for that declared scope must work.
  const verbs = verb === 'post' && target.includes('usermatch') ? ['post', 'get'] : [verb];
  return rules.some((rule) => (!rule.methods || verbs.some((v) => rule.methods!.has(v))) && segmentsMatch(rule.segments, target));
}

function segmentsMatch(pattern: readonly string[], target: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i += 1) {
    const want = pattern[i];
    if (want === '**') return true;
    const have = target[i];
    if (have === undefined) return false;
    // Kivra's only example of a limited scope names v1 content while content is v2
    // (docs/kivra-api.md §9.8): the version segment is not held against the caller.
    if (i === 1 && /^v\d+$/.test(want ?? '') && /^v\d+$/.test(have)) continue;
    if (want !== '*' && want !== have) return false;
  }
  return pattern.length === target.length;
}
