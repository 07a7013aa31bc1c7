import { afterEach, describe, expect, it } from 'vitest';
import { mount, unmount } from 'svelte';
import App from './App.svelte';

describe('App', () => {
  let app: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (app) unmount(app);
    app = undefined;
    document.body.innerHTML = '';
  });

  it('mounts and shows the product name', () => {
    const target = document.createElement('div');
    document.body.appendChild(target);
    app = mount(App, { target });
    expect(target.querySelector('h1')?.textContent).toBe('Plenary');
  });
});
