// Mounting a view under a started workspace, for tests that install the mock
// backend themselves (mockIPC with ./backend's backend, answering from
// ./sample). Only tests import this module.
import { flushSync, mount, type Component } from 'svelte';
import { Workspace } from '../plan/workspace.svelte';
import type { Answer } from '../ipc';
import { settle } from './backend';
import { copy, files, week } from './sample';
import Host from './WorkspaceHost.svelte';

/** A workspace started against whatever backend the test installed. */
export async function startedWorkspace(): Promise<Workspace> {
  const ws = new Workspace();
  await ws.start();
  return ws;
}

/** Mount `view` with `props` under `ws` and let it load. */
export async function mountUnder(
  ws: Workspace,
  // The views take different props; Host passes them through.
  view: Component<any>,
  props: Record<string, unknown> = {},
): Promise<{ el: HTMLElement; app: ReturnType<typeof mount> }> {
  const el = document.createElement('div');
  document.body.appendChild(el);
  const app = mount(Host, { target: el, props: { ws, view, props } });
  await settle();
  flushSync();
  return { el, app };
}

/** Fire a mousedown on a type-ahead option, which is how it is picked. */
export async function pickOption(option: Element | null | undefined): Promise<void> {
  if (!option) throw new Error('no option to pick');
  option.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
  await settle();
  flushSync();
}

/** A workspace already holding `plan`, as App would have it after start-up. */
export function loadedWorkspace(plan: Answer<'overview'> = copy(week.overview)): Workspace {
  const ws = new Workspace();
  ws.overview = plan;
  ws.vocabulary = copy(week.vocabulary);
  ws.starting = false;
  return ws;
}

/** Mount `page` inside a workspace context and let it load. */
export async function mountPage(page: Component, ws: Workspace = loadedWorkspace()) {
  const el = document.createElement('div');
  document.body.appendChild(el);
  const app = mount(Host, { target: el, props: { ws, view: page } });
  await settle();
  flushSync();
  return { el, app, ws };
}

/** A workspace with the sample week's file open, as the pages see it. */
export function openWorkspace(): Workspace {
  const ws = new Workspace();
  ws.file = copy(files.planFile);
  ws.vocabulary = copy(week.vocabulary);
  ws.starting = false;
  return ws;
}

/**
 * Mount `component` with `props` under a workspace with a plan open; the
 * test must have called mockIPC first. Returns the container, the
 * workspace and the app to unmount.
 */
export async function mountWithWorkspace<P extends Record<string, unknown>>(
  component: Component<P>,
  props: P,
): Promise<{ el: HTMLElement; ws: Workspace; app: ReturnType<typeof mount> }> {
  const el = document.createElement('div');
  document.body.appendChild(el);
  const ws = openWorkspace();
  const shown = component as Component<Record<string, unknown>>;
  const app = mount(Host, { target: el, props: { ws, view: shown, props } });
  flushSync();
  await settle();
  flushSync();
  return { el, ws, app };
}
