import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { ApiFailure, call, commands, confirmDialog, describeError, setWindowTitle, unwrap } from './ipc';
import { ASK, answer, backend, refusal, type Call } from './testing/backend';
import { refusals, week } from './testing/sample';
import type { SessionForm_Serialize } from './ipc';

afterEach(() => clearMocks());

describe('unwrap', () => {
  it('returns the data of an ok result', () => {
    expect(unwrap({ status: 'ok', data: 42 })).toBe(42);
  });

  it('throws an ApiFailure carrying the ApiError', () => {
    const { error } = refusals.sessionGone!;
    try {
      unwrap({ status: 'error', error });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiFailure);
      expect(e).toBeInstanceOf(Error);
      expect((e as ApiFailure).error).toEqual(error);
      expect((e as ApiFailure).code).toBe('not_found');
      expect((e as ApiFailure).message).toBe(error.message);
    }
  });
});

describe('commands over mocked IPC', () => {
  it('loads the overview', async () => {
    const calls: Call[] = [];
    mockIPC(backend({}, calls));
    const data = await call(commands.overview());
    expect(data).toEqual(week.overview);
    expect(calls.map((c) => c.cmd)).toEqual(['overview']);
  });

  it('turns a backend error into an ApiFailure with field problems', async () => {
    const refused = refusals.sessionForm!;
    mockIPC(backend({ create_session: refusal(refused) }));
    const form = refused.args.form as SessionForm_Serialize;
    const result = await commands.createSession(form);
    expect(result.status).toBe('error');
    await expect(call(commands.createSession(form))).rejects.toMatchObject({
      code: 'invalid',
      error: { fields: refused.error.fields },
    });
    expect(refused.error.fields.map((f) => f.field)).toEqual(['title', 'end_time']);
  });

  it('sends command arguments by name', async () => {
    const calls: Call[] = [];
    mockIPC(backend({}, calls));
    const day = await call(commands.agenda('2024-11-19'));
    expect(calls[0]).toEqual({ cmd: 'agenda', args: { day: '2024-11-19' } });
    expect(day.days.map((d) => d.date)).toEqual(['2024-11-19']);
  });
});

describe('window and dialog helpers', () => {
  it('sets the window title', async () => {
    const calls: Call[] = [];
    mockWindows('main');
    mockIPC(backend({}, calls));
    await setWindowTitle('Spring week — Spring week.plenary — Plenary');
    const titleCall = calls.find((c) => c.cmd === 'plugin:window|set_title');
    expect(titleCall?.args).toMatchObject({ value: 'Spring week — Spring week.plenary — Plenary' });
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
