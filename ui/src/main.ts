import { mount } from 'svelte';
import App from './App.svelte';
import HallView from './lib/hall/HallView.svelte';
import { hallRoom } from './lib/ipc';

const target = document.getElementById('app');
if (!target) {
  throw new Error('Plenary: #app mount point missing from index.html');
}

// A hall display window shows one room and nothing else.
const room = hallRoom();
const app = room === null ? mount(App, { target }) : mount(HallView, { target, props: { roomId: room } });

export default app;
