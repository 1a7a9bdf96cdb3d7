import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * ApolloDriver with its Express 5 transport written out: the driver loads it from
 * @as-integrations/express5, which this workspace does not install. Everything else,
 * Apollo Server itself, Nest's guards, pipes and error formatting, is the real thing.
 */
@Injectable()
export class ApolloExpressTestDriver extends ApolloDriver {
  protected override async registerExpress(options: ApolloDriverConfig): Promise<void> {
    const server = new ApolloServer({ ...options } as ConstructorParameters<typeof ApolloServer>[0]);
    await server.start();
    this.apolloServer = server;
    const context = options.context as (args: { req: Request; res: Response }) => Promise<object>;

    this.httpAdapterHost.httpAdapter.getInstance().use(options.path ?? '/graphql', async (req: Request, res: Response, next: NextFunction) => {
      try {
        const headers = new HeaderMap();
        for (const [name, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const result = await server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: {
            method: req.method.toUpperCase(),
            headers,
            search: new URL(req.originalUrl, 'http://localhost').search,
            body: req.body ?? {},
          },
          context: () => context({ req, res }),
        });
        for (const [name, value] of result.headers) res.setHeader(name, value);
        res.status(result.status ?? 200);
        if (result.body.kind === 'complete') {
          res.send(result.body.string);
          return;
        }
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      } catch (error) {
        next(error);
      }
    });
  }
}
