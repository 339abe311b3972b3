// Adding a question and its answer to the knowledge base (Knowledge.tsx): both are needed; saved, the
// form empties for the next pair.
import { useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { addQaPair } from '../../data/knowledge-upload';
import { useI18n } from '../../i18n/i18n';

export function QaForm() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        if (!question.trim() || !answer.trim()) return;
        void addQaPair(ws, question.trim(), answer.trim()).then(() => {
          setQuestion('');
          setAnswer('');
        });
      }}
    >
      <h3>{t('knowledge.qa')}</h3>
      <input
        placeholder={t('knowledge.question')}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
      />
      <textarea
        placeholder={t('knowledge.answer')}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
      />
      <button type="submit">{t('common.save')}</button>
    </form>
  );
}
