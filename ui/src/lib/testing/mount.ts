// Mounting a view under a started workspace, for tests that install the mock
// backend themselves (mockIPC with ./fixtures' backend, often answering from
// ./sample). Only tests import this module.
import { flushSync, mount, type Component } from 'svelte';
import { Workspace } from '../plan/workspace.svelte';
import type { Answer } from '../ipc';
import { overview, settle, vocabulary } from './fixtures';
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
export function loadedWorkspace(plan: Answer<'overview'> = overview): Workspace {
  const ws = new Workspace();
  ws.overview = plan;
  ws.vocabulary = vocabulary;
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
