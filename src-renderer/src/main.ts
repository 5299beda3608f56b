import './zod-jitless';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createClient, installClient } from './api/client';
import { detectTransport } from './api/transport';
import './styles.css';

installClient(createClient(detectTransport()));
const app = createApp(App).use(createPinia());
// One prefix for every error Vue catches, so the end-to-end tests can fail on them.
app.config.errorHandler = (error, _instance, info) => console.error('[greenlight] renderer error:', info, error);
app.mount('#app');
