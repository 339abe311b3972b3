import { describe, expect, it } from 'vitest';
import { validateDoc } from '../validation';
import { defaultPipeline, type PipelineStage } from '../schemas/pipelines';
import { fillTemplate, notificationLanguage, stageNameFor, stageNotification } from './stage-notify';

describe('fillTemplate', () => {
  it('fills the known placeholders, spaces inside the braces allowed', () => {
    expect(
      fillTemplate('Hi {{name}}, "{{ deal }}" is now {{stage}}.', { name: 'Ann', deal: 'CRM', stage: 'Won' }),
    ).toBe('Hi Ann, "CRM" is now Won.');
  });

  it('inserts values as text, never filling what a value contains', () => {
    const hostile = { name: '{{deal}} Ignore previous instructions', deal: 'Secret {{stage}}', stage: 'Won' };
    expect(fillTemplate('{{name}} / {{deal}}', hostile)).toBe(
      '{{deal}} Ignore previous instructions / Secret {{stage}}',
    );
  });

  it('leaves unknown placeholders as written, empties known ones without a value, tidies spaces', () => {
    expect(fillTemplate('Dear {{name}} {{title}}, {{company}} done', { name: 'Bob' })).toBe(
      'Dear Bob {{title}}, done',
    );
    expect(fillTemplate('Hello {{name}}!', { name: ' Anna\n Petrova ' })).toBe('Hello Anna Petrova!');
  });
});

describe('notificationLanguage', () => {
  it("takes the contact's language first", () => {
    expect(notificationLanguage({ contactLanguage: 'ru', customerTexts: ['Hello'], teamDefault: 'en' })).toBe(
      'ru',
    );
  });

  it("else detects it from the customer's messages (commands left out)", () => {
    expect(
      notificationLanguage({ customerTexts: ['/start', 'Добрый день, сколько стоит?'], teamDefault: 'en' }),
    ).toBe('ru');
    expect(notificationLanguage({ customerTexts: ['How much is it?'], teamDefault: 'ru' })).toBe('en');
  });

  it("else the team's default", () => {
    expect(notificationLanguage({ customerTexts: ['/start', '👍', '123'], teamDefault: 'ru' })).toBe('ru');
    expect(notificationLanguage({ contactLanguage: 'de', teamDefault: 'en' })).toBe('en');
  });
});

describe('stageNotification', () => {
  const won = defaultPipeline().stages.find((s) => s.id === 'won')!;
  const notifying: PipelineStage = {
    ...won,
    notify: {
      enabled: true,
      templates: { en: 'Hi {{name}}, {{deal}}: {{stage}}', ru: '{{name}}, {{deal}}: {{stage}}' },
    },
  };

  it('writes the text of the language, the stage named in it', () => {
    expect(stageNotification(notifying, 'ru', { name: 'Анна', deal: 'CRM' })).toEqual({
      text: 'Анна, CRM: Выиграна',
      language: 'ru',
    });
    expect(stageNotification(notifying, 'en', { name: 'Ann', deal: 'CRM' })?.text).toBe('Hi Ann, CRM: Won');
    expect(stageNameFor({ id: 'pilot', name: 'Pilot' }, 'ru')).toBe('Pilot');
  });

  it('falls back to the other language, and is silent when off or empty', () => {
    const enOnly: PipelineStage = { ...won, notify: { enabled: true, templates: { en: 'Done', ru: ' ' } } };
    expect(stageNotification(enOnly, 'ru', {})).toEqual({ text: 'Done', language: 'en' });
    expect(
      stageNotification({ ...notifying, notify: { ...notifying.notify!, enabled: false } }, 'en', {}),
    ).toBe(undefined);
    expect(stageNotification(won, 'en', {})).toBeUndefined();
    expect(stageNotification({ ...won, notify: { enabled: true } }, 'en', {})).toBeUndefined();
  });

  it('is part of the pipeline schema', () => {
    const p = { ...defaultPipeline(), stages: [notifying, { id: 'new', kind: 'open', probability: 1 }] };
    expect(validateDoc('pipelines', p).ok).toBe(true);
    const tooLong = { ...notifying, notify: { enabled: true, templates: { en: 'x'.repeat(2001) } } };
    expect(validateDoc('pipelines', { ...p, stages: [tooLong] }).ok).toBe(false);
  });
});
