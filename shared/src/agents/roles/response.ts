// What the respond role gives back to the engine: the reply (or a hand-off), the tool calls made, the
// provider that wrote it and what the checks found. A type of its own, so the plug-in interface and the
// answerers can name it without importing the respond role (and what that imports).
import type { MessageDoc } from '../../schemas/index';
import type { ToolOutcome } from '../tools/executor';

export type Response = {
  reply?: MessageDoc;
  handoff?: string;
  toolCalls: ToolOutcome[];
  provider?: { id: string; model: string; offline: boolean };
  toxicReplyBlocked: boolean;
  /** Why the model's reply failed the reply gate and was replaced (offline answer or hand-off). */
  replyGate?: string;
  /** Parts of the customer's profile the injection check flagged. */
  profileFlagged?: string[];
};
