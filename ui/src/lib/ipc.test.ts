import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { ApiFailure, call, commands, confirmDialog, describeError, setWindowTitle, unwrap } from './ipc';
import { ASK, answer, apiError, backend, overview, type Call } from './testing/fixtures';

afterEach(() => clearMocks());

describe('unwrap', () => {
  it('returns the data of an ok result', () => {
    expect(unwrap({ status: 'ok', data: 42 })).toBe(42);
  });

  it('throws an ApiFailure carrying the ApiError', () => {
    const error = apiError('not_found', 'No session with id 9 in this plan');
    try {
      unwrap({ status: 'error', error });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiFailure);
      expect(e).toBeInstanceOf(Error);
      expect((e as ApiFailure).error).toEqual(error);
      expect((e as ApiFailure).code).toBe('not_found');
      expect((e as ApiFailure).message).toBe('No session with id 9 in this plan');
    }
  });
});

describe('commands over mocked IPC', () => {
  it('loads the overview', async () => {
    const calls: Call[] = [];
    mockIPC(backend({}, calls));
    const data = await call(commands.overview());
    expect(data.plan.title).toBe(overview.plan.title);
    expect(calls.map((c) => c.cmd)).toEqual(['overview']);
  });

  it('turns a backend error into an ApiFailure with field problems', async () => {
    mockIPC(
      backend({
        update_session: () => {
          throw apiError('invalid', 'End must be after start.', [
            { field: 'end_time', message: 'End must be after start.' },
          ]);
        },
      }),
    );
    const form = {
      event_id: 1,
      title: 'x',
      kind: 'panel' as const,
      day: '2024-11-18',
      start_time: '10:00',
      end_time: '09:00',
      room_id: null,
      description: '',
      agenda_item: '',
      outcome: '',
      notes: '',
    };
    const result = await commands.updateSession(3, form);
    expect(result.status).toBe('error');
    await expect(call(commands.updateSession(3, form))).rejects.toMatchObject({
      code: 'invalid',
      error: { fields: [{ field: 'end_time', message: 'End must be after start.' }] },
    });
  });

  it('sends command arguments by name', async () => {
    const calls: Call[] = [];
    mockIPC(backend({ agenda: () => ({ time_zone: 'UTC', days: [], unscheduled: [] }) }, calls));
    await call(commands.agenda('2024-11-19'));
    expect(calls[0]).toEqual({ cmd: 'agenda', args: { day: '2024-11-19' } });
  });
});

describe('window and dialog helpers', () => {
  it('sets the window title', async () => {
    const calls: Call[] = [];
    mockWindows('main');
    mockIPC(backend({}, calls));
    await setWindowTitle('Bangkok week — week.plenary — Plenary');
    const titleCall = calls.find((c) => c.cmd === 'plugin:window|set_title');
    expect(titleCall?.args).toMatchObject({ value: 'Bangkok week — week.plenary — Plenary' });
  });

  it('asks with a warning dialog', async () => {
    const calls: Call[] = [];
    mockIPC(backend({ [ASK]: answer(true) }, calls));
    expect(await confirmDialog('Delete it?', 'Delete session')).toBe(true);
    expect(calls[0]?.args).toMatchObject({ message: 'Delete it?', title: 'Delete session', kind: 'warning' });
    mockIPC(backend({ [ASK]: answer(false) }));
    expect(await confirmDialog('Delete it?', 'Delete session')).toBe(false);
  });
});

describe('describeError', () => {
  it('finds words in anything thrown', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError('plain')).toBe('plain');
    expect(describeError({ message: 'object' })).toBe('object');
    expect(describeError(null)).toBe('Something went wrong.');
  });
});
