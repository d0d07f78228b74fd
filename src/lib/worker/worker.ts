/**
 * The inference worker's entry: it only puts the API on the worker's message port. TensorFlow.js
 * lives here and nowhere on the page; nothing here touches the DOM (see this folder's tsconfig).
 */
import { api } from './api';
import { expose } from './expose';

expose(api, self);
