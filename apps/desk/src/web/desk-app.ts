import { ServiceAppOptions } from '@otklik/platform';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { configureWeb } from './web.setup';

/** How desk is built on the platform: its title in /docs and its web set-up. */
export const deskAppOptions: ServiceAppOptions = {
  title: 'Otklik desk — console, API and Open311',
  configure: (app) => configureWeb(app, app.get<DeskConfig>(DESK_CONFIG)),
};
