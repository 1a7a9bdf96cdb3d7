import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { hostOf, urlProblem } from '../endpoints/endpoint-url';
import { isPublicAddress, PrivateTargetError, publicOnlyLookup } from './ssrf-guard';

/** How much of an answer is kept in the attempt log. */
export const SNIPPET_LENGTH = 1000;

export interface OutgoingWebhook {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface SendOutcome {
  /** A 2xx answer. */
  succeeded: boolean;
  statusCode: number | null;
  error: string | null;
  responseSnippet: string | null;
  durationMs: number;
}

export interface SendPolicy {
  timeoutMs: number;
  allowPrivateTargets: boolean;
}

/**
 * One POST to a tenant's endpoint. Redirects are not followed (a 3xx is a failure: following one could
 * lead anywhere, the internal network included). Without private targets allowed, an IP literal must be
 * public and a host name is resolved through publicOnlyLookup, so the address connected to is the one
 * checked. The whole exchange, the answer's body included, must end within the timeout.
 */
export function sendWebhook(outgoing: OutgoingWebhook, policy: SendPolicy): Promise<SendOutcome> {
  const started = performance.now();
  const done = (outcome: Omit<SendOutcome, 'durationMs'>): SendOutcome => ({
    ...outcome,
    durationMs: Math.round(performance.now() - started),
  });
  const failed = (error: string, statusCode: number | null = null, responseSnippet: string | null = null) =>
    done({ succeeded: false, statusCode, error, responseSnippet });

  const problem = urlProblem(outgoing.url, policy.allowPrivateTargets);
  if (problem) return Promise.resolve(failed(`Refused: ${problem}`));
  const url = new URL(outgoing.url);
  const host = hostOf(url);
  if (!policy.allowPrivateTargets && isIP(host) && !isPublicAddress(host)) {
    return Promise.resolve(failed(`Refused: ${new PrivateTargetError(host, host).message}`));
  }

  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...outgoing.headers, 'content-length': Buffer.byteLength(outgoing.body).toString() },
      ...(!policy.allowPrivateTargets && { lookup: publicOnlyLookup }),
    });
    const timer = setTimeout(() => {
      settle(failed(`Timed out after ${policy.timeoutMs / 1000} s`));
      req.destroy();
    }, policy.timeoutMs);
    req.on('error', (error) => {
      const refused = error instanceof PrivateTargetError;
      settle(failed(refused ? `Refused: ${error.message}` : `${error.name}: ${error.message}`));
    });
    req.on('response', (res) => readSnippet(res, (snippet) => settle(outcomeOf(res.statusCode ?? 0, snippet))));
    req.end(outgoing.body);
  });

  function outcomeOf(statusCode: number, snippet: string): SendOutcome {
    const succeeded = statusCode >= 200 && statusCode < 300;
    return done({
      succeeded,
      statusCode,
      error: succeeded ? null : `The endpoint answered ${statusCode}`,
      responseSnippet: snippet || null,
    });
  }
}

/** The first SNIPPET_LENGTH characters of the answer; the rest is not waited for. */
function readSnippet(res: IncomingMessage, then: (snippet: string) => void): void {
  let text = '';
  const finish = () => {
    res.removeAllListeners('data');
    then(text.slice(0, SNIPPET_LENGTH));
  };
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    text += chunk;
    if (text.length >= SNIPPET_LENGTH) {
      finish();
      res.destroy();
    }
  });
  res.on('end', finish);
  res.on('error', finish);
  res.on('close', finish);
}
