/** E-mail behind an interface: the platform sends through whatever `Mailer` is installed. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Keeps what was sent in memory (the newest `keep`): tests read `sent`; the default until SMTP is configured. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  constructor(private readonly keep = 1000) {}
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
    if (this.sent.length > this.keep) this.sent.splice(0, this.sent.length - this.keep);
  }
}

let current: Mailer = new MemoryMailer();

/** Installs the mailer every notification goes through (a test's capture, or an SMTP implementation). */
export function useMailer<M extends Mailer>(mailer: M): M {
  current = mailer;
  return mailer;
}

export const mailer = (): Mailer => current;
