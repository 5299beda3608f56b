import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createClient, installClient } from './api/client';
import { detectTransport } from './api/transport';
import './styles.css';

installClient(createClient(detectTransport()));
createApp(App).use(createPinia()).mount('#app');
