import nodemailer, { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { ChannelSender, DeliveryError, OutboundMessage, SendReceipt } from '../delivery/delivery.types';

/** SMTP settings of the e-mail channel. */
export interface EmailChannelOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465); STARTTLS is negotiated when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** Sender, e.g. `"Otklik" <noreply@otklik.example>`. */
  from: string;
  /** Domain for Message-IDs, so that a resent delivery keeps its Message-ID and can be deduplicated. */
  messageIdDomain: string;
  /** Socket timeouts in ms. */
  timeoutMs?: number;
  /** Accept self-signed certificates (local relays only). */
  allowInsecureTls?: boolean;
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** E-mail through an SMTP relay. */
export class EmailChannel implements ChannelSender {
  readonly channel = 'email' as const;
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(private readonly options: EmailChannelOptions) {
    const timeout = options.timeoutMs ?? 15_000;
    this.transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.secure,
      auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      tls: options.allowInsecureTls ? { rejectUnauthorized: false } : undefined,
    });
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const messageId = `<${message.deliveryId}@${this.options.messageIdDomain}>`;
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: message.address,
        subject: message.subject ?? '',
        text: message.text,
        messageId,
        headers: { 'X-Otklik-Delivery': message.deliveryId },
      });
      if (info.rejected.length) throw DeliveryError.permanent(`recipient rejected: ${info.rejected.join(', ')}`);
      return { externalId: info.messageId };
    } catch (err) {
      throw classifySmtpError(err);
    }
  }

  /** Closes pooled connections. */
  close(): void {
    this.transport.close();
  }
}

/** 5xx replies are permanent (bad mailbox, policy); 4xx and connection failures are worth retrying. */
export function classifySmtpError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpFailure;
  const text = e.response ?? e.message ?? String(err);
  if (e.responseCode !== undefined && e.responseCode >= 500) return DeliveryError.permanent(`smtp ${e.responseCode}: ${text}`, err);
  if (e.code === 'EENVELOPE' && e.responseCode === undefined) return DeliveryError.permanent(`smtp envelope: ${text}`, err);
  return DeliveryError.transient(`smtp ${e.responseCode ?? e.code ?? 'error'}: ${text}`, undefined, err);
}
