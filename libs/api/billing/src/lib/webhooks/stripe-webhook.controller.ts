import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { Public } from '@warbler/api/access';
import { badInput } from '@warbler/api/core';
import type { Request } from 'express';
import { StripeWebhookInbox, type WebhookOutcome } from './stripe-webhook-inbox';

/**
 * Where Stripe delivers events. The app hands this route its body unparsed (configureApp), since the
 * signature is computed over the exact bytes Stripe sent. 400 for a missing or wrong signature, with
 * nothing stored; 200 once the event is stored, even if its processing must be tried again later.
 */
@Controller('webhooks')
export class StripeWebhookController {
  constructor(private readonly inbox: StripeWebhookInbox) {}

  @Post('stripe')
  @HttpCode(200)
  @Public('Stripe authenticates itself with the Stripe-Signature header, checked over the raw body')
  async receive(
    @Req() request: Request,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<{ received: true; outcome: WebhookOutcome }> {
    if (!Buffer.isBuffer(request.body)) {
      throw badInput('Send the event exactly as Stripe does, as a JSON body', 'INVALID_PAYLOAD');
    }
    return { received: true, outcome: await this.inbox.receive(request.body, signature) };
  }
}
