import { describe, expect, it } from 'vitest';
import { isHumanRequest } from './human-request';

describe('isHumanRequest', () => {
  it.each([
    'оператор',
    'Позовите оператора, пожалуйста',
    'Можно поговорить с живым человеком?',
    'соедините с менеджером',
    'хочу с человеком',
    'Человек!',
    'не хочу говорить с ботом',
    'human',
    'Agent, please',
    'I want to talk to a person',
    'can I speak with a manager?',
    'real person please',
    'connect me with support',
  ])('flags %j', (text) => {
    expect(isHumanRequest(text)).toBe(true);
  });

  it.each([
    'Сколько стоит тариф для команды из 20 человек?',
    'Нас 5 человек в отделе',
    'What is the price for 10 users?',
    'Менеджер проектов у нас уже есть, нужен тариф',
    'superhumans welcome',
  ])('leaves %j alone', (text) => {
    expect(isHumanRequest(text)).toBe(false);
  });

  it('takes extra patterns', () => {
    expect(isHumanRequest('SOS', [/^sos$/i])).toBe(true);
  });
});
