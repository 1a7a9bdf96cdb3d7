import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { PermissionsService } from '@warbler/console/data-access';
import { type Member, MembersStore } from './members-store';
import { MembersTable } from './members-table';

const member = (id: string, role: Member['role'], seatAssigned: boolean): Member => ({
  id,
  role,
  seatAssigned,
  joinedAt: '2024-05-02T10:00:00Z',
  user: {
    id: `u-${id}`,
    email: `${id}@acme.test`,
    displayName: `Person ${id}`,
  },
});

describe('MembersTable', () => {
  const seatsFull = signal(false);
  let store: {
    seatsFull: typeof seatsFull;
    myUserId: () => string;
    myRole: () => string;
    setSeat: jest.Mock;
    changeRole: jest.Mock;
  };
  let rules: (action: string, subject: unknown) => boolean;

  async function render(members: Member[]) {
    TestBed.configureTestingModule({
      imports: [MembersTable],
      providers: [
        { provide: MembersStore, useValue: store },
        {
          provide: PermissionsService,
          useValue: {
            can: (action: string, subject: unknown) => rules(action, subject),
          },
        },
      ],
    });
    const fixture = TestBed.createComponent(MembersTable);
    fixture.componentRef.setInput('members', members);
    fixture.componentRef.setInput('seatLimit', 2);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const toggle = (email: string) =>
      root.querySelector<HTMLButtonElement>(`tr[data-email="${email}"] mat-slide-toggle button`);
    return { root, toggle, fixture };
  }

  beforeEach(() => {
    seatsFull.set(false);
    store = {
      seatsFull,
      myUserId: () => 'u-a',
      myRole: () => 'OWNER',
      setSeat: jest.fn(async () => true),
      changeRole: jest.fn(async () => true),
    };
    rules = () => true;
  });

  it('disables the seat toggle of someone without a seat once every seat is taken', async () => {
    seatsFull.set(true);
    const { toggle } = await render([member('a', 'OWNER', true), member('b', 'MEMBER', false)]);

    expect(toggle('b@acme.test')?.disabled).toBe(true);
    // Someone holding a seat can still give it back.
    expect(toggle('a@acme.test')?.disabled).toBe(false);
  });

  it('shows the role as a label, not a picker, when the rules forbid changing it', async () => {
    rules = (action, subject) => !(action === 'changeRole' && (subject as { role?: string }).role === 'OWNER');
    const { root } = await render([member('a', 'OWNER', true), member('b', 'MEMBER', true)]);

    expect(root.querySelector('tr[data-email="a@acme.test"] mat-select')).toBeNull();
    expect(root.querySelector('tr[data-email="a@acme.test"] wb-role-chip')?.textContent).toContain('Owner');
    expect(root.querySelector('tr[data-email="b@acme.test"] mat-select')).not.toBeNull();
  });

  it('puts the toggle back when the server refuses the seat change', async () => {
    store.setSeat.mockResolvedValue(false);
    const { toggle, fixture } = await render([member('a', 'OWNER', true), member('b', 'MEMBER', false)]);

    toggle('b@acme.test')?.click();
    await fixture.whenStable();
    expect(store.setSeat).toHaveBeenCalledWith(expect.objectContaining({ id: 'b' }), true);
    expect(toggle('b@acme.test')?.getAttribute('aria-checked')).toBe('false');
  });
});
