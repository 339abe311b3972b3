// Builders of the updates a customer produces, for the fake Bot API server (see fake-telegram.ts).
import type { Chat, Message, Update, User } from 'grammy/types';

export type FakeUserInit = {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  /** What getChat answers of this user's private chat beyond the names (ChatFullInfo's fields). */
  profile?: {
    bio?: string;
    birthdate?: { day: number; month: number; year?: number };
    personal_chat?: { id: number; type: 'channel'; title: string; username?: string };
  };
  /** Write from a group instead of the private chat (negative id). */
  group?: { id: number; title: string; type?: 'group' | 'supergroup' };
};

/** What the fake server offers a customer: message ids, file ids, a clock and the update queue. */
export type CustomerHost = {
  nextMessageId(chatId: number): number;
  addFile(bytes: Uint8Array, meta?: { fileName?: string; mimeType?: string }): FakeFile;
  nowSeconds(): number;
  push(update: Omit<Update, 'update_id'>): Update;
};

export type FakeFile = { file_id: string; file_unique_id: string; file_size: number };

export type PhotoInit = { bytes?: Uint8Array; caption?: string; width?: number; height?: number };
export type DocumentInit = { bytes?: Uint8Array; fileName: string; mimeType?: string; caption?: string };
export type ContactInit = { phone: string; firstName?: string; lastName?: string; userId?: number };

/** A customer talking to the bot. Each method enqueues one update and returns it. */
export class FakeCustomer {
  readonly user: User;
  readonly chat: Chat;

  constructor(
    private readonly host: CustomerHost,
    init: FakeUserInit,
  ) {
    this.user = {
      id: init.id,
      is_bot: false,
      first_name: init.first_name ?? `User${init.id}`,
      ...(init.last_name ? { last_name: init.last_name } : {}),
      ...(init.username ? { username: init.username } : {}),
      ...(init.language_code ? { language_code: init.language_code } : {}),
    };
    this.chat = init.group
      ? { id: init.group.id, type: init.group.type ?? 'group', title: init.group.title }
      : {
          id: init.id,
          type: 'private',
          first_name: this.user.first_name,
          ...(init.last_name ? { last_name: init.last_name } : {}),
          ...(init.username ? { username: init.username } : {}),
        };
  }

  get chatId(): number {
    return this.chat.id;
  }

  /** A message from this customer with the given content (text, photo, contact...). */
  message(content: Partial<Message>): Update {
    const message = {
      message_id: this.host.nextMessageId(this.chat.id),
      date: this.host.nowSeconds(),
      chat: this.chat,
      from: this.user,
      ...content,
    } as Message;
    return this.host.push({ message } as Omit<Update, 'update_id'>);
  }

  says(text: string): Update {
    return this.message({ text });
  }

  /** `/name payload`, with the bot_command entity Telegram adds (payload: the deep-link start param). */
  command(name: string, payload?: string): Update {
    const command = `/${name}`;
    const text = payload ? `${command} ${payload}` : command;
    return this.message({ text, entities: [{ type: 'bot_command', offset: 0, length: command.length }] });
  }

  sharesContact(init: ContactInit = { phone: '+79001234567' }): Update {
    return this.message({
      contact: {
        phone_number: init.phone,
        first_name: init.firstName ?? this.user.first_name,
        ...(init.lastName ? { last_name: init.lastName } : {}),
        user_id: init.userId ?? this.user.id,
      },
    });
  }

  sendsPhoto(init: PhotoInit = {}): Update {
    const bytes = init.bytes ?? new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const big = this.host.addFile(bytes, { mimeType: 'image/jpeg' });
    const thumb = this.host.addFile(bytes.slice(0, 4), { mimeType: 'image/jpeg' });
    const width = init.width ?? 1280;
    const height = init.height ?? 960;
    return this.message({
      photo: [
        { ...thumb, width: 90, height: 68 },
        { ...big, width, height },
      ],
      ...(init.caption ? { caption: init.caption } : {}),
    });
  }

  sendsDocument(init: DocumentInit): Update {
    const bytes = init.bytes ?? new TextEncoder().encode(`content of ${init.fileName}`);
    const mime = init.mimeType ?? 'application/octet-stream';
    const file = this.host.addFile(bytes, { fileName: init.fileName, mimeType: mime });
    return this.message({
      document: { ...file, file_name: init.fileName, mime_type: mime },
      ...(init.caption ? { caption: init.caption } : {}),
    });
  }

  /**
   * Presses an inline keyboard's button under a message the bot sent (`sent`: a SentMessage of the
   * fake, or a message id) whose data is `data` (any data: a client may send forged data).
   */
  presses(
    sent: number | { messageId: number; text?: string; params?: Record<string, unknown> },
    data: string,
  ): Update {
    const messageId = typeof sent === 'number' ? sent : sent.messageId;
    const raw = typeof sent === 'number' ? undefined : sent.params?.reply_markup;
    const markup = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
    const message = {
      message_id: messageId,
      date: this.host.nowSeconds(),
      chat: this.chat,
      text: typeof sent === 'number' ? '' : (sent.text ?? ''),
      ...(markup ? { reply_markup: markup } : {}),
    } as Message;
    const id = `${this.user.id}${messageId}${this.host.nowSeconds()}${Math.random().toString(36).slice(2, 8)}`;
    return this.host.push({
      callback_query: { id, from: this.user, chat_instance: `ci${this.chat.id}`, message, data },
    } as Omit<Update, 'update_id'>);
  }

  /** Edits one of this customer's earlier text messages (by its update or message id). */
  edits(original: Update | number, text: string): Update {
    const messageId = typeof original === 'number' ? original : original.message?.message_id;
    if (messageId === undefined) throw new Error('edits(): the update carries no message');
    const date = typeof original === 'number' ? this.host.nowSeconds() : (original.message?.date ?? 0);
    const edited = {
      message_id: messageId,
      date,
      edit_date: Math.max(date + 1, this.host.nowSeconds()),
      chat: this.chat,
      from: this.user,
      text,
    } as Message;
    return this.host.push({ edited_message: edited } as Omit<Update, 'update_id'>);
  }
}
