// The conversation's channel as a small mark on the avatar's corner (issue 64 item 10: lucide-react
// icons, not the ✈ ✆ ✎ ● characters the stylesheet drew, which some machines show as boxes). E-mail
// and VK keep their letters ("@", "vk"), which every font has. Decorative: the row reads the channel's
// name out in words.
import { MessageCircle, Pencil, Phone, Send, type LucideIcon } from 'lucide-react';
import type { ConversationDoc } from '@app/shared/schemas';

const icons: Partial<Record<ConversationDoc['channel'], LucideIcon>> = {
  telegram: Send,
  phone: Phone,
  manual: Pencil,
  webchat: MessageCircle,
};

export function ChannelMark({ channel }: { channel: ConversationDoc['channel'] }) {
  const Icon = icons[channel];
  return (
    <span className={`chan-mark chan-${channel}`} aria-hidden="true">
      {Icon && <Icon size={9} strokeWidth={2.5} />}
    </span>
  );
}
