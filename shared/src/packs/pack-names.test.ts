// A pack's stored pipeline, stages and profile named in the reader's language (pack-names.ts), and the
// pipeline applying a pack makes the team's board pipeline (planPackApply's `primary`).
import { describe, expect, it } from 'vitest';
import { defaultPipeline, type PipelineDoc } from '../schemas/index';
import { validateDoc } from '../validation';
import { eventsAgencyPack, packPipelineName, packProfileName, packStageName, planPackApply } from './index';

const now = new Date('2026-12-01T10:00:00.000Z');
const apply = (pipelines: PipelineDoc[] = [], language: 'en' | 'ru' = 'ru') =>
  planPackApply(eventsAgencyPack, { pipelines, profiles: [] }, { language, now }).docs;

describe('a pack names what it stored in the UI language', () => {
  it('stores both names of the pipeline and its stages, valid by the pipelines schema', () => {
    const [events] = apply().pipelines;
    expect(events).toMatchObject({ name: 'Мероприятия', names: { en: 'Events', ru: 'Мероприятия' } });
    expect(events!.stages[0]).toMatchObject({ id: 'inquiry', name: 'Запрос', names: { en: 'Inquiry' } });
    expect(validateDoc('pipelines', events)).toMatchObject({ ok: true });
    expect(packPipelineName(events!, 'en')).toBe('Events');
    expect(packPipelineName(events!, 'ru')).toBe('Мероприятия');
    expect(events!.stages.map((s) => packStageName(s, 'en'))).toEqual([
      'Inquiry',
      'Brief',
      'Estimate sent',
      'Contract',
      'Preparation',
      'Event held',
      'Lost',
    ]);
  });

  it('names a pack doc stored before pipelines v5 (no names) through its pack, by its ids', () => {
    const { names: _, ...old } = apply().pipelines[0]!;
    const stages = old.stages.map(({ names: _n, ...s }) => s);
    expect(packPipelineName(old, 'en')).toBe('Events');
    expect(stages.map((s) => packStageName(s, 'en'))[2]).toBe('Estimate sent');
    expect(packStageName({ id: 'estimate', name: 'Estimate sent' }, 'ru')).toBe('Смета отправлена');
    expect(packProfileName({ id: 'agent-pack-events-maestro', name: 'Маэстро (мероприятия)' }, 'en')).toBe(
      'Maestro (events)',
    );
  });

  it('shows what the team renamed as the team wrote it', () => {
    const [events] = apply().pipelines;
    const renamed = { ...events!, name: 'Ивенты 2027', stages: [{ ...events!.stages[0]!, name: 'Заявка' }] };
    expect(packPipelineName(renamed, 'en')).toBe('Ивенты 2027');
    expect(packStageName(renamed.stages[0]!, 'en')).toBe('Заявка');
    // A stage of another pipeline that shares an id but not a name is its own.
    expect(packStageName({ id: 'lost', name: 'Проиграна' }, 'en')).toBe('Проиграна');
    expect(packStageName({ id: 'new' }, 'en')).toBeUndefined();
    expect(packProfileName({ id: 'agent-custom', name: 'Maestro (events)' }, 'ru')).toBe('Maestro (events)');
  });
});

describe('applying a pack chooses the team board pipeline', () => {
  it('makes the pack pipeline primary when the team has not chosen one', () => {
    expect(apply([defaultPipeline()]).pipelines[0]!.boardDefault).toBe(true);
  });

  it('keeps the team its own choice', () => {
    const chosen = { ...defaultPipeline(), id: 'b2b', name: 'B2B', boardDefault: true };
    expect(apply([defaultPipeline(), chosen]).pipelines[0]!.boardDefault).toBeUndefined();
  });
});
