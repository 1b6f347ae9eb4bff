import { ServiceAppOptions } from '@otklik/platform';
import { SESSION_COOKIE } from '../auth/auth.guard';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { configureWeb } from './web.setup';

/** How desk is built on the platform: its title in /docs, its session cookie and its web set-up. */
export const deskAppOptions: ServiceAppOptions = {
  title: 'Otklik desk — console, API and Open311',
  configure: (app) => configureWeb(app, app.get<DeskConfig>(DESK_CONFIG)),
  openApi: {
    bearer: { format: 'otk_…', description: "An API token an administrator issued (otk_…), or a session's secret as the console holds it" },
    cookie: { scheme: 'session', cookie: SESSION_COOKIE, description: "The console's session, set by POST /api/v1/auth/login (HttpOnly, SameSite=Strict); writes must come from desk's own pages" },
  },
};
