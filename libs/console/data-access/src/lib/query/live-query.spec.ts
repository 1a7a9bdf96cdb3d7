import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ObservableQuery } from '@apollo/client';
import { BehaviorSubject, type Observable } from 'rxjs';
import { TenantContext } from '../tenant/tenant-context';
import { liveQuery } from './live-query';

type Data = { members: string[] };

describe('liveQuery', () => {
  let answers: BehaviorSubject<ObservableQuery.Result<Data>>[];
  let enabled: boolean;

  @Component({ template: '' })
  class Host {
    readonly members = liveQuery(
      (): Observable<ObservableQuery.Result<Data>> => {
        const answer = new BehaviorSubject({
          loading: true,
          dataState: 'empty',
        } as ObservableQuery.Result<Data>);
        answers.push(answer);
        return answer;
      },
      (data) => data.members,
      { enabled: () => enabled },
    );
  }

  const complete = (members: string[]) =>
    ({
      data: { members },
      dataState: 'complete',
      loading: false,
    }) as ObservableQuery.Result<Data>;

  async function host() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    return {
      query: fixture.componentInstance.members,
      stable: () => fixture.whenStable(),
    };
  }

  beforeEach(() => {
    localStorage.clear();
    answers = [];
    enabled = true;
  });

  it('loads, then follows the answers of the watched query', async () => {
    const { query } = await host();
    expect(query.loading()).toBe(true);
    answers[0].next(complete(['ada']));
    expect(query.loading()).toBe(false);
    expect(query.data()).toEqual(['ada']);
    answers[0].next(complete(['ada', 'bea']));
    expect(query.data()).toEqual(['ada', 'bea']);
  });

  it('asks again for the new tenant and forgets the old tenant’s data', async () => {
    const { query, stable } = await host();
    answers[0].next(complete(['acme-person']));

    TestBed.inject(TenantContext).select('globex');
    await stable();
    expect(answers).toHaveLength(2);
    expect(query.data()).toBeUndefined();
    expect(query.loading()).toBe(true);
    answers[1].next(complete(['globex-person']));
    expect(query.data()).toEqual(['globex-person']);
  });

  it('keeps showing the data while reloading, and reports errors as values', async () => {
    const { query, stable } = await host();
    answers[0].next(complete(['ada']));
    query.reload();
    await stable();
    expect(answers).toHaveLength(2);
    expect(query.data()).toEqual(['ada']);

    const failure = new Error('refused');
    answers[1].next({
      error: failure,
      loading: false,
      dataState: 'empty',
    } as unknown as ObservableQuery.Result<Data>);
    expect(query.error()).toBe(failure);
  });

  it('does not ask while disabled', async () => {
    enabled = false;
    const { query } = await host();
    expect(answers).toHaveLength(0);
    expect(query.loading()).toBe(false);
  });
});
