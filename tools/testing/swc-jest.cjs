// One SWC setup for every server-side Jest project: decorator metadata is what
// NestJS and @nestjs/graphql read at runtime, so it must be emitted in tests too.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
