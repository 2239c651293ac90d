import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KqlSyntaxError } from '../../src/engine/errors.js';
import { parseQuery } from '../../src/parser/index.js';

const SHARED = new URL('../../../shared/', import.meta.url);

/** What each real hunting query does today: parse, or be refused at its first unsupported operator. */
const CORPUS: Record<string, string> = {
  'blocked_url_clicks_by_workload.kql': 'parses',
  'end_user_malicious_clicks.kql': 'sort',
  'malicious_clicks_allowed_click_through.kql': 'parses',
  'malicious_urls_clicked_in_teams_with_safetytip.kql': 'join',
  'mdo_urlclickedinemail.kql': 'parses',
  'possible_device_code_phishing_attempts.kql': 'distinct',
  'potentially_malicious_url_click_in_teams.kql': 'join',
  'powerapps_multiple_users_access_malicious_link.kql': 'project-rename',
  'rare_domains_in_external_teams_messages.kql': 'join',
  'teams_blocked_url_clicks_daily_trend.kql': 'parses',
  'teams_url_clicks_actions_summarized_by_urls.kql': 'parses',
  'teams_url_clicks_through_phish_malware.kql': 'parses',
  'teams_users_clicking_suspicious_url_domains.kql': 'join',
  'ti_map_url_entity_to_urlclickevents.kql': 'mv-expand',
  'ti_map_url_entity_to_urlclickevents_new.kql': 'mv-expand',
  'top10_users_clicking_malicious_urls.kql': 'sort',
  'top10_users_clicking_malicious_urls_in_teams.kql': 'top',
  'top10_users_clicking_malicious_urls_malware.kql': 'top',
  'top10_users_clicking_malicious_urls_phish.kql': 'top',
  'top10_users_clicking_malicious_urls_spam.kql': 'top',
  'top20_malicious_urls_by_clicks.kql': 'top',
  'top_clicks_on_malicious_urls.kql': 'top',
  'top_malicious_urls_clicked_in_teams.kql': 'top',
  'url_click_attempts_by_threat_type.kql': 'parses',
  'url_click_count_by_click_action.kql': 'parses',
  'url_click_on_urls_in_zapd_teams_messages.kql': 'join',
  'url_click_on_zap_email.kql': 'join',
  'url_click_through_by_workload.kql': 'sort',
  'url_clicks_actions_by_url.kql': 'parses',
  'url_threat_protection_summary.kql': 'union',
  'urlclick_details_malicious_url_click_alert.kql': 'join',
  'user_clicked_through_events.kql': 'parses',
  'user_clicks_on_malicious_inbound_emails.kql': 'join',
  'user_clicks_on_phishing_urls_in_emails.kql': 'join',
};

describe('corpus', () => {
  it('lists every corpus file', () => {
    const files = readdirSync(new URL('corpus/', SHARED)).filter((f) => f.endsWith('.kql'));
    expect(files.sort()).toEqual(Object.keys(CORPUS).sort());
  });

  it.each(Object.entries(CORPUS).map(([file, outcome]) => [outcome === 'parses' ? 'parses' : `refused (${outcome})`, file, outcome]))(
    '%s: %s',
    (_, file, outcome) => {
      const text = readFileSync(new URL(`corpus/${file}`, SHARED), 'utf8');
      if (outcome === 'parses') {
        expect(parseQuery(text).statements.length).toBeGreaterThan(0);
      } else {
        expect(() => parseQuery(text)).toThrow(`Not supported: the '${outcome}' operator.`);
      }
    },
  );
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
    // Most refusals are `datatable`, which this parser does not support yet.
    expect(parsed).toBeGreaterThan(cases.length / 2);
  });
});
