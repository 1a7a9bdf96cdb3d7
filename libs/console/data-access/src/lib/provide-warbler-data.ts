import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { inject, makeEnvironmentProviders, provideAppInitializer, type EnvironmentProviders } from '@angular/core';
import { provideApollo } from 'apollo-angular';
import { apolloOptions } from './graphql/apollo-options';
import { apiInterceptor } from './http/api-interceptor';
import { SessionStore } from './session/session.store';

/**
 * Everything the console needs to talk to the API. On start it tries to restore the
 * session from the refresh cookie, so a reload does not sign the person out.
 */
export function provideWarblerData(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(withFetch(), withInterceptors([apiInterceptor])),
    provideApollo(apolloOptions),
    provideAppInitializer(() => inject(SessionStore).restore()),
  ]);
}
