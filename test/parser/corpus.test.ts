import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KqlSyntaxError } from '../../src/engine/errors.js';
import { parseQuery } from '../../src/parser/index.js';

const SHARED = new URL('../../../shared/', import.meta.url);

/** The operators each real hunting query needs beyond where/extend/project/summarize/make-series/render/take/count. */
const CORPUS: Record<string, string[]> = {
  'blocked_url_clicks_by_workload.kql': [],
  'end_user_malicious_clicks.kql': ['Sort'],
  'malicious_clicks_allowed_click_through.kql': [],
  'malicious_urls_clicked_in_teams_with_safetytip.kql': ['Join'],
  'mdo_urlclickedinemail.kql': [],
  'possible_device_code_phishing_attempts.kql': ['Distinct', 'Join'],
  'potentially_malicious_url_click_in_teams.kql': ['Join'],
  'powerapps_multiple_users_access_malicious_link.kql': ['Distinct', 'Join', 'MvExpand', 'ProjectRename', 'Union'],
  'rare_domains_in_external_teams_messages.kql': ['Join'],
  'teams_blocked_url_clicks_daily_trend.kql': [],
  'teams_url_clicks_actions_summarized_by_urls.kql': [],
  'teams_url_clicks_through_phish_malware.kql': [],
  'teams_users_clicking_suspicious_url_domains.kql': ['Join'],
  'ti_map_url_entity_to_urlclickevents.kql': ['Distinct', 'Join', 'MvExpand', 'ProjectColumns', 'ProjectRename', 'Union'],
  'ti_map_url_entity_to_urlclickevents_new.kql': ['Distinct', 'Join', 'MvExpand', 'ProjectColumns', 'ProjectRename', 'Union'],
  'top10_users_clicking_malicious_urls.kql': ['Sort'],
  'top10_users_clicking_malicious_urls_in_teams.kql': ['Top'],
  'top10_users_clicking_malicious_urls_malware.kql': ['Top'],
  'top10_users_clicking_malicious_urls_phish.kql': ['Top'],
  'top10_users_clicking_malicious_urls_spam.kql': ['Top'],
  'top20_malicious_urls_by_clicks.kql': ['Top'],
  'top_clicks_on_malicious_urls.kql': ['Top'],
  'top_malicious_urls_clicked_in_teams.kql': ['Top'],
  'url_click_attempts_by_threat_type.kql': [],
  'url_click_count_by_click_action.kql': [],
  'url_click_on_urls_in_zapd_teams_messages.kql': ['Join'],
  'url_click_on_zap_email.kql': ['Join'],
  'url_click_through_by_workload.kql': ['Sort'],
  'url_clicks_actions_by_url.kql': [],
  'url_threat_protection_summary.kql': ['Sort', 'Union'],
  'urlclick_details_malicious_url_click_alert.kql': ['Join'],
  'user_clicked_through_events.kql': [],
  'user_clicks_on_malicious_inbound_emails.kql': ['Join'],
  'user_clicks_on_phishing_urls_in_emails.kql': ['Join'],
};

const NEWER_KINDS = new Set(['Sort', 'Top', 'Distinct', 'ProjectColumns', 'ProjectRename', 'Join', 'Lookup', 'Union', 'MvExpand', 'As', 'Datatable', 'Lambda']);

/** The kinds of every node in a tree. */
function kindsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => kindsIn(v, out));
  else if (value !== null && typeof value === 'object') {
    if ('kind' in value) out.add(value.kind as string);
    Object.values(value).forEach((v) => kindsIn(v, out));
  }
  return out;
}

describe('corpus', () => {
  it('lists every corpus file', () => {
    const files = readdirSync(new URL('corpus/', SHARED)).filter((f) => f.endsWith('.kql'));
    expect(files.sort()).toEqual(Object.keys(CORPUS).sort());
  });

  it.each(Object.entries(CORPUS))('%s parses, using %j', (file, kinds) => {
    const text = readFileSync(new URL(`corpus/${file}`, SHARED), 'utf8');
    const query = parseQuery(text);
    expect(query.statements.length).toBeGreaterThan(0);
    expect([...kindsIn(query)].filter((k) => NEWER_KINDS.has(k)).sort()).toEqual(kinds);
  });
});

/** Every syntax error message follows one of the project's templates, never Chevrotain's wording. */
const MESSAGE_TEMPLATES =
  /^(Expected .+, found .+\.|Unexpected '.+'\.|Unexpected character '.'\.|Unterminated string literal\.|Not supported: .+\.|Invalid .+ literal '.+'\.)$/s;

describe('documentation examples', () => {
  const { cases } = JSON.parse(readFileSync(new URL('conformance/kusto-docs-cases.json', SHARED), 'utf8')) as {
    cases: { id: string; kql: string }[];
  };

  it('each parses, or fails with a KqlSyntaxError spanning part of the query', () => {
    let parsed = 0;
    for (const { id, kql } of cases) {
      try {
        parseQuery(kql);
        parsed++;
      } catch (e) {
        expect(e, id).toBeInstanceOf(KqlSyntaxError);
        const { message, span } = e as KqlSyntaxError;
        expect(message, id).toMatch(MESSAGE_TEMPLATES);
        expect(span!.start, id).toBeGreaterThanOrEqual(0);
        expect(span!.end, id).toBeLessThanOrEqual(kql.length);
      }
    }
    console.log(`Kusto documentation examples: ${parsed} of ${cases.length} parse.`);
    // The rest are refused operators (evaluate, mv-apply, parse, scan, ...) and a few forms the AST cannot hold.
    expect(parsed).toBeGreaterThanOrEqual(463);
  });
});
