// The tools an agent may use, each by its name in words and a line saying what it does; a team's own
// webhook or MCP tool, which the dictionaries cannot know, by its id and where it comes from.
import type { AgentSettingsDoc } from '@app/shared/schemas';
import { en } from '../../i18n/en';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';
import { toolLabel } from '../../i18n/labels';
import type { TeamTool } from './team-tools';

export function toolDescription(t: Translate, tool: TeamTool): string {
  const own = `tool.desc.${tool.name}`;
  if (Object.hasOwn(en, own)) return t(own as MessageKey);
  return tool.origin === 'webhook'
    ? t('tool.desc.webhook')
    : tool.origin === 'mcp'
      ? t('tool.desc.mcp')
      : t('tool.desc.other');
}

export function ToolChoices({
  tools,
  draft,
  setDraft,
}: {
  tools: TeamTool[];
  draft: AgentSettingsDoc;
  setDraft: (d: AgentSettingsDoc) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset data-testid="agent-tools" className="tool-choices">
      <legend>{t('agents.tools')}</legend>
      <p className="muted small">{t('agents.tools.hint')}</p>
      {tools.map((tool) => (
        <label key={tool.name} className="tool-choice" data-tool={tool.name}>
          <input
            type="checkbox"
            checked={draft.allowedTools.includes(tool.name)}
            onChange={(e) =>
              setDraft({
                ...draft,
                allowedTools: e.target.checked
                  ? [...draft.allowedTools, tool.name]
                  : draft.allowedTools.filter((x) => x !== tool.name),
              })
            }
          />
          <span>
            <strong>{toolLabel(t, tool.name)}</strong>
            <span className="muted small">{toolDescription(t, tool)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
