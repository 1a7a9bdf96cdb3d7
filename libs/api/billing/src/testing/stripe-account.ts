/** A Stripe API object as JSON. */
export type StripeObject = Record<string, unknown> & { id: string; object: string };

type Params = Record<string, string>;

/** An answer of the fake API other than 200; the server turns it into Stripe's error body. */
export class StripeFakeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const notFound = (what: string, id: string) => new StripeFakeError(404, `No such ${what}: '${id}'`, 'resource_missing');

/** The sub-fields of a flattened parameter: `metadata[a]=1` → `{ a: '1' }` for prefix `metadata`. */
function fieldsOf(params: Params, prefix: string): Params {
  const start = `${prefix}[`;
  return Object.fromEntries(
    Object.entries(params)
      .filter(([key]) => key.startsWith(start) && key.indexOf(']') === key.length - 1)
      .map(([key, value]) => [key.slice(start.length, -1), value]),
  );
}

/** The entries of a flattened list: `items[0][price]=p` → `[{ price: 'p' }]`. */
function entriesOf(params: Params, prefix: string): Params[] {
  const entries: Params[] = [];
  const pattern = new RegExp(`^${prefix.replace(/[[\]]/g, '\\$&')}\\[(\\d+)\\]\\[([a-z_]+)\\]$`);
  for (const [key, value] of Object.entries(params)) {
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    entries[index] = { ...entries[index], [match[2]]: value };
  }
  return entries.filter(Boolean);
}

/** The ids this account hands out, e.g. `cus_testk3x9q2000001`: a tag of its own, then a sequence. */
const OBJECT_ID = /^[a-z]+_test[0-9a-z]{6}\d{6}$/;

const int = (value: string | undefined) => (value === undefined ? 0 : Number(value));

/**
 * The state behind StripeTestServer: the customers, catalog, subscriptions, invoices and sessions the
 * code under test creates, answered in Stripe's shapes for the fields Warbler reads. Tests move it on
 * as Stripe would (a payment succeeds or fails, a customer finishes Checkout) with the helpers below.
 */
export class StripeFakeAccount {
  readonly customers = new Map<string, StripeObject>();
  readonly products = new Map<string, StripeObject>();
  readonly prices = new Map<string, StripeObject>();
  readonly meters = new Map<string, StripeObject>();
  readonly meterEvents: StripeObject[] = [];
  readonly subscriptions = new Map<string, StripeObject>();
  readonly invoices = new Map<string, StripeObject>();
  readonly creditNotes = new Map<string, StripeObject>();
  readonly checkoutSessions = new Map<string, StripeObject>();
  readonly setupIntents = new Map<string, StripeObject>();
  readonly paymentMethods = new Map<string, StripeObject>();
  private sequence = 0;
  /** Ids stay unique across runs, as Stripe's are: the test database keeps those of earlier runs. */
  private readonly tag = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
  private readonly epoch = Math.floor(Date.now() / 1000);

  private next(prefix: string): string {
    this.sequence += 1;
    return `${prefix}_test${this.tag}${String(this.sequence).padStart(6, '0')}`;
  }

  /** Creation times that increase with every object, a second apart, like objects created one after another. */
  private created(): number {
    return this.epoch + this.sequence;
  }

  handle(method: string, path: string, params: Params): unknown {
    const [, version, ...parts] = path.split('/');
    if (version !== 'v1') throw notFound('endpoint', path);
    const route = `${method} /${parts.map((part) => (OBJECT_ID.test(part) ? ':id' : part)).join('/')}`;
    const id = parts.find((part) => OBJECT_ID.test(part)) ?? '';
    switch (route) {
      case 'POST /customers':
        return this.createCustomer(params);
      case 'GET /customers/:id':
        return this.customerView(this.get(this.customers, 'customer', id), params);
      case 'POST /customers/:id':
        return this.updateCustomer(id, params);
      case 'POST /products':
        return this.createProduct(params);
      case 'GET /prices':
        return this.listPrices(params);
      case 'POST /prices':
        return this.createPrice(params);
      case 'GET /billing/meters':
        return list([...this.meters.values()]);
      case 'POST /billing/meters':
        return this.createMeter(params);
      case 'POST /billing/meter_events':
        return this.createMeterEvent(params);
      case 'GET /subscriptions':
        return list([...this.subscriptions.values()].filter((sub) => sub['customer'] === params['customer']));
      case 'POST /subscriptions':
        return this.createSubscription(params);
      case 'POST /subscriptions/:id':
        return this.updateSubscription(id, params);
      case 'GET /subscriptions/:id':
        return this.get(this.subscriptions, 'subscription', id);
      case 'POST /invoices':
        return this.createInvoice(params);
      case 'GET /invoices/:id':
        return this.get(this.invoices, 'invoice', id);
      case 'DELETE /invoices/:id':
        return this.deleteInvoice(id);
      case 'POST /invoices/:id/finalize':
        return this.moveInvoice(id, ['draft'], 'open');
      case 'POST /invoices/:id/void':
        return this.moveInvoice(id, ['open', 'uncollectible'], 'void');
      case 'POST /invoices/:id/pay':
        return this.payInvoice(id);
      case 'POST /invoiceitems':
        return this.createInvoiceItem(params);
      case 'POST /credit_notes':
        return this.createCreditNote(params);
      case 'POST /checkout/sessions':
        return this.createCheckoutSession(params);
      case 'GET /checkout/sessions/:id':
        return this.get(this.checkoutSessions, 'checkout session', id);
      case 'POST /billing_portal/sessions': {
        const session = this.next('bps');
        return {
          id: session,
          object: 'billing_portal.session',
          customer: params['customer'],
          return_url: params['return_url'],
          url: `https://billing.stripe.test/p/session/${session}`,
        };
      }
      case 'GET /setup_intents/:id':
        return this.setupIntentView(this.get(this.setupIntents, 'setup intent', id), params);
      case 'GET /payment_methods/:id':
        return this.get(this.paymentMethods, 'payment method', id);
      default:
        throw notFound('endpoint', `${method} ${path}`);
    }
  }

  // Moves of the account that Stripe would make on its own --------------------------------------

  /** The customer finished Checkout in setup mode with this card: a payment method and a succeeded setup intent. */
  completeSetupCheckout(sessionId: string, card = { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 }) {
    const session = this.get(this.checkoutSessions, 'checkout session', sessionId);
    const paymentMethod = this.addPaymentMethod(session['customer'] as string, card);
    const setupIntent: StripeObject = {
      id: this.next('seti'),
      object: 'setup_intent',
      created: this.created(),
      customer: session['customer'],
      status: 'succeeded',
      payment_method: paymentMethod.id,
    };
    this.setupIntents.set(setupIntent.id, setupIntent);
    Object.assign(session, { status: 'complete', setup_intent: setupIntent.id });
    return { session, setupIntent, paymentMethod };
  }

  addPaymentMethod(customer: string, card: { brand: string; last4: string; exp_month: number; exp_year: number }) {
    const paymentMethod: StripeObject = {
      id: this.next('pm'),
      object: 'payment_method',
      created: this.created(),
      customer,
      type: 'card',
      card,
    };
    this.paymentMethods.set(paymentMethod.id, paymentMethod);
    return paymentMethod;
  }

  /** Stripe collected the invoice. */
  markInvoicePaid(id: string): StripeObject {
    const invoice = this.get(this.invoices, 'invoice', id);
    return Object.assign(invoice, {
      status: 'paid',
      amount_paid: invoice['amount_due'],
      amount_remaining: 0,
      attempted: true,
      attempt_count: int(String(invoice['attempt_count'])) + 1,
    });
  }

  /** A collection attempt failed; the invoice stays open. */
  markPaymentFailed(id: string): StripeObject {
    const invoice = this.get(this.invoices, 'invoice', id);
    return Object.assign(invoice, { attempted: true, attempt_count: int(String(invoice['attempt_count'])) + 1 });
  }

  // Endpoints ------------------------------------------------------------------------------------

  private get(map: Map<string, StripeObject>, what: string, id: string): StripeObject {
    const found = map.get(id);
    if (!found) throw notFound(what, id);
    return found;
  }

  private createCustomer(params: Params): StripeObject {
    const customer: StripeObject = {
      id: this.next('cus'),
      object: 'customer',
      created: this.created(),
      name: params['name'] ?? null,
      email: params['email'] ?? null,
      metadata: fieldsOf(params, 'metadata'),
      invoice_settings: { default_payment_method: null },
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  private customerView(customer: StripeObject, params: Params): StripeObject {
    const expand = Object.values(fieldsOf(params, 'expand'));
    const settings = customer['invoice_settings'] as { default_payment_method: string | null };
    if (!expand.includes('invoice_settings.default_payment_method') || !settings.default_payment_method) {
      return customer;
    }
    const paymentMethod = this.get(this.paymentMethods, 'payment method', settings.default_payment_method);
    return { ...customer, invoice_settings: { ...settings, default_payment_method: paymentMethod } };
  }

  private updateCustomer(id: string, params: Params): StripeObject {
    const customer = this.get(this.customers, 'customer', id);
    const defaultPaymentMethod = fieldsOf(params, 'invoice_settings')['default_payment_method'];
    if (defaultPaymentMethod !== undefined) {
      this.get(this.paymentMethods, 'payment method', defaultPaymentMethod);
      customer['invoice_settings'] = { default_payment_method: defaultPaymentMethod };
    }
    return customer;
  }

  private createProduct(params: Params): StripeObject {
    const id = params['id'] ?? this.next('prod');
    if (this.products.has(id)) {
      throw new StripeFakeError(400, `Product already exists.`, 'resource_already_exists');
    }
    const product: StripeObject = {
      id,
      object: 'product',
      name: params['name'],
      metadata: fieldsOf(params, 'metadata'),
    };
    this.products.set(id, product);
    return product;
  }

  private listPrices(params: Params): unknown {
    const keys = Object.values(fieldsOf(params, 'lookup_keys'));
    return list([...this.prices.values()].filter((price) => keys.includes(price['lookup_key'] as string)));
  }

  private createPrice(params: Params): StripeObject {
    const lookupKey = params['lookup_key'] ?? null;
    if (lookupKey && [...this.prices.values()].some((price) => price['lookup_key'] === lookupKey)) {
      throw new StripeFakeError(400, `A price with lookup key ${lookupKey} already exists.`);
    }
    if (!this.products.has(params['product'])) throw notFound('product', params['product']);
    const price: StripeObject = {
      id: this.next('price'),
      object: 'price',
      product: params['product'],
      currency: params['currency'],
      lookup_key: lookupKey,
      unit_amount: params['unit_amount'] === undefined ? null : int(params['unit_amount']),
      recurring: fieldsOf(params, 'recurring'),
      metadata: fieldsOf(params, 'metadata'),
    };
    this.prices.set(price.id, price);
    return price;
  }

  private createMeter(params: Params): StripeObject {
    const eventName = params['event_name'];
    if ([...this.meters.values()].some((meter) => meter['event_name'] === eventName)) {
      throw new StripeFakeError(400, `A meter with event_name ${eventName} already exists.`);
    }
    const meter: StripeObject = {
      id: this.next('mtr'),
      object: 'billing.meter',
      event_name: eventName,
      display_name: params['display_name'],
      status: 'active',
    };
    this.meters.set(meter.id, meter);
    return meter;
  }

  private createMeterEvent(params: Params): StripeObject {
    const identifier = params['identifier'];
    if (this.meterEvents.some((event) => event['identifier'] === identifier)) {
      throw new StripeFakeError(400, `An event already exists with identifier ${identifier}.`);
    }
    if (![...this.meters.values()].some((meter) => meter['event_name'] === params['event_name'])) {
      throw new StripeFakeError(400, `No active meter was found for event_name ${params['event_name']}.`);
    }
    const event: StripeObject = {
      id: identifier,
      object: 'billing.meter_event',
      event_name: params['event_name'],
      identifier,
      payload: fieldsOf(params, 'payload'),
      timestamp: int(params['timestamp']),
    };
    this.meterEvents.push(event);
    return event;
  }

  private subscriptionItem(entry: Params): StripeObject {
    return {
      id: this.next('si'),
      object: 'subscription_item',
      price: this.get(this.prices, 'price', entry['price']),
      quantity: entry['quantity'] === undefined ? null : int(entry['quantity']),
    };
  }

  private createSubscription(params: Params): StripeObject {
    const customer = this.get(this.customers, 'customer', params['customer']);
    const subscription: StripeObject = {
      id: this.next('sub'),
      object: 'subscription',
      created: this.created(),
      customer: customer.id,
      status: 'active',
      metadata: fieldsOf(params, 'metadata'),
      pause_collection: null,
      items: list(entriesOf(params, 'items').map((entry) => this.subscriptionItem(entry))),
    };
    this.subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  private updateSubscription(id: string, params: Params): StripeObject {
    const subscription = this.get(this.subscriptions, 'subscription', id);
    const items = (subscription['items'] as { data: StripeObject[] }).data;
    for (const entry of entriesOf(params, 'items')) {
      const existing = entry['id'] ? items.find((item) => item.id === entry['id']) : undefined;
      if (entry['id'] && !existing) throw notFound('subscription item', entry['id']);
      if (existing && entry['deleted'] === 'true') items.splice(items.indexOf(existing), 1);
      else if (existing) {
        if (entry['price']) existing['price'] = this.get(this.prices, 'price', entry['price']);
        if (entry['quantity'] !== undefined) existing['quantity'] = int(entry['quantity']);
      } else items.push(this.subscriptionItem(entry));
    }
    const pause = fieldsOf(params, 'pause_collection');
    if (pause['behavior']) subscription['pause_collection'] = { behavior: pause['behavior'], resumes_at: null };
    const metadata = fieldsOf(params, 'metadata');
    if (Object.keys(metadata).length)
      subscription['metadata'] = { ...(subscription['metadata'] as Params), ...metadata };
    return subscription;
  }

  private createInvoice(params: Params): StripeObject {
    const customer = this.get(this.customers, 'customer', params['customer']);
    const invoice: StripeObject = {
      id: this.next('in'),
      object: 'invoice',
      created: this.created(),
      customer: customer.id,
      currency: params['currency'],
      status: 'draft',
      number: null,
      auto_advance: params['auto_advance'] === 'true',
      collection_method: params['collection_method'] ?? 'charge_automatically',
      description: params['description'] ?? null,
      metadata: fieldsOf(params, 'metadata'),
      total: 0,
      amount_due: 0,
      amount_paid: 0,
      amount_remaining: 0,
      attempted: false,
      attempt_count: 0,
      lines: list([]),
    };
    this.invoices.set(invoice.id, invoice);
    return invoice;
  }

  private createInvoiceItem(params: Params): StripeObject {
    const invoice = this.get(this.invoices, 'invoice', params['invoice']);
    if (invoice['status'] !== 'draft') throw new StripeFakeError(400, 'The invoice is no longer a draft.');
    if (params['currency'] !== invoice['currency']) throw new StripeFakeError(400, 'The currency does not match.');
    const amount = int(params['amount']);
    const item: StripeObject = {
      id: this.next('ii'),
      object: 'invoiceitem',
      invoice: invoice.id,
      amount,
      currency: params['currency'],
      description: params['description'],
      metadata: fieldsOf(params, 'metadata'),
    };
    (invoice['lines'] as { data: StripeObject[] }).data.push(item);
    const total = (invoice['total'] as number) + amount;
    Object.assign(invoice, { total, amount_due: total, amount_remaining: total });
    return item;
  }

  private moveInvoice(id: string, from: string[], to: string): StripeObject {
    const invoice = this.get(this.invoices, 'invoice', id);
    if (!from.includes(invoice['status'] as string)) {
      throw new StripeFakeError(400, `The invoice is ${invoice['status']}; it cannot become ${to}.`);
    }
    invoice['status'] = to;
    if (to === 'open') invoice['number'] = `STRIPE-${invoice.id}`;
    return invoice;
  }

  private payInvoice(id: string): StripeObject {
    this.moveInvoice(id, ['open'], 'paid');
    const invoice = this.get(this.invoices, 'invoice', id);
    return Object.assign(invoice, { amount_paid: invoice['amount_due'], amount_remaining: 0 });
  }

  private deleteInvoice(id: string): unknown {
    const invoice = this.get(this.invoices, 'invoice', id);
    if (invoice['status'] !== 'draft') throw new StripeFakeError(400, 'Only a draft invoice can be deleted.');
    this.invoices.delete(id);
    return { id, object: 'invoice', deleted: true };
  }

  private createCreditNote(params: Params): StripeObject {
    const invoice = this.get(this.invoices, 'invoice', params['invoice']);
    const lines = entriesOf(params, 'lines');
    const total = lines.reduce((sum, line) => sum + int(line['unit_amount']) * int(line['quantity'] ?? '1'), 0);
    const creditNote: StripeObject = {
      id: this.next('cn'),
      object: 'credit_note',
      invoice: invoice.id,
      total,
      reason: params['reason'] ?? null,
      memo: params['memo'] ?? null,
      metadata: fieldsOf(params, 'metadata'),
    };
    this.creditNotes.set(creditNote.id, creditNote);
    return creditNote;
  }

  private createCheckoutSession(params: Params): StripeObject {
    const customer = this.get(this.customers, 'customer', params['customer']);
    const id = this.next('cs');
    const session: StripeObject = {
      id,
      object: 'checkout.session',
      mode: params['mode'],
      customer: customer.id,
      currency: params['currency'] ?? null,
      status: 'open',
      setup_intent: null,
      success_url: params['success_url'],
      cancel_url: params['cancel_url'],
      metadata: fieldsOf(params, 'metadata'),
      url: `https://checkout.stripe.test/c/setup/${id}`,
    };
    this.checkoutSessions.set(id, session);
    return session;
  }

  private setupIntentView(setupIntent: StripeObject, params: Params): StripeObject {
    const expand = Object.values(fieldsOf(params, 'expand'));
    if (!expand.includes('payment_method') || !setupIntent['payment_method']) return setupIntent;
    return {
      ...setupIntent,
      payment_method: this.get(this.paymentMethods, 'payment method', setupIntent['payment_method'] as string),
    };
  }
}

function list(data: unknown[]) {
  return { object: 'list', data, has_more: false, url: '' };
}
