// Message catalogues and the language switch. Swedish is the default.
//
// Every text a user can see lives here. Elements carry the key in
// data-i18n (text content) or data-i18n-attr="attribute:key;attribute:key";
// code asks for text with t(key, params). Error codes from the hub are
// translated with errorText(code).

import { SCREEN_CATALOGUES } from "/static/i18n-screens.js";
import { AUDIT_CATALOGUES } from "/static/replay-i18n.js";

const CATALOGUES = {
  sv: {
    "lang.name": "Svenska",
    "lang.switch": "Språk",
    "app.name": "Ordet",
    "app.tagline": "Debatt och omröstning i realtid för fullmäktige och nämnder",
    "skip.main": "Hoppa till innehållet",

    "index.title": "Ordet – sammanträden",
    "index.heading": "Sammanträden",
    "index.intro":
      "Välj ett sammanträde för att följa närvaro, beslutförhet och dagordning live.",
    "index.loading": "Hämtar sammanträden …",
    "index.empty": "Det finns inga sammanträden just nu.",
    "index.failed": "Kunde inte hämta sammanträdena. Försök igen om en stund.",
    "index.open": "Öppna",
    "index.public": "Publik vy",
    "index.starts": "Börjar {when}",

    "page.title": "{meeting} – närvaro – Ordet",
    "page.loading": "Ansluter …",
    "page.back": "Alla sammanträden",
    "meeting.adjourned": "Sammanträdet är avslutat.",
    "meeting.not_opened": "Sammanträdet har inte öppnats än.",

    "conn.label": "Anslutning",
    "conn.connecting": "Ansluter …",
    "conn.connected": "Ansluten",
    "conn.reconnecting": "Återansluter …",
    "conn.reconnecting_in": "Återansluter om {seconds} s …",
    "conn.not_opened": "Väntar på att ordföranden öppnar sammanträdet (försöker igen om {seconds} s) …",
    "conn.closed": "Frånkopplad",
    "role.label": "Visas som",
    "role.public": "allmänheten",
    "role.display": "salsskärm",
    "role.delegate": "ledamot",
    "role.chair": "ordförande",
    "role.secretary": "sekreterare",
    "role.auditor": "granskare",

    "quorum.heading": "Beslutförhet",
    "quorum.yes": "Beslutfört",
    "quorum.no": "Inte beslutfört",
    "quorum.filled": "Tjänstgörande",
    "quorum.of": "av {seats} platser",
    "quorum.needed": "Krävs för beslutförhet",
    "quorum.present": "Närvarande totalt",
    "quorum.announce": "{state}: {filled} av {seats} platser, {needed} krävs.",

    "agenda.heading": "Dagordning",
    "agenda.current": "Pågår",
    "agenda.finished": "Avklarat",
    "agenda.pending": "Kommande",
    "agenda.none_current": "Inget ärende pågår.",
    "public.notice":
      "Protokollet justerades {verified} och anslogs {posted}. Överklagande ska ha kommit in senast {appeal}.",
    "agenda.current_label": "Aktuellt ärende",

    "seats.heading": "Platser",
    "seats.legend": "Partier",
    "seats.empty": "Tom plats",
    "seats.substitute": "ersättare",
    "seats.serving_for": "tjänstgör för {name}",
    "seats.seat": "Plats {seat}",

    "me.heading": "Min status",
    "me.present": "Närvarande",
    "me.absent": "Inte incheckad",
    "me.left": "Har lämnat sammanträdet",
    "me.seat": "Plats {seat}",
    "me.no_seat": "Ingen plats tilldelad",
    "me.serving_for": "Tjänstgör för {name}",
    "me.check_in": "Checka in",
    "me.check_out": "Checka ut",
    "me.left_note": "Den som har lämnat sammanträdet kan inte checka in igen.",
    "me.sending": "Skickar …",
    "me.ack.attendance.check_in": "Klart – du är incheckad.",
    "me.ack.attendance.check_out": "Klart – du är utcheckad.",

    "error.generic": "Det gick inte ({code}).",
    "error.reservation.none": "Du har ingen reservation mot det beslutet.",
    "error.reservation.reason_required": "Skriv motiveringen.",
    "error.reservation.reason_too_long": "Motiveringen får vara högst 4000 tecken.",
    "error.minutes.verified": "Protokollet är justerat och kan inte ändras.",
    "error.connection.lost": "Anslutningen bröts innan svaret kom. Försök igen.",
    "error.connection.not_open": "Ingen anslutning just nu. Försök igen om en stund.",
    "error.attendance.already_present": "Du är redan incheckad.",
    "error.attendance.not_present": "Du är inte incheckad.",
    "error.attendance.left_meeting": "Den som har lämnat sammanträdet kan inte komma tillbaka.",
    "error.auth.not_yourself": "Du kan bara checka in dig själv.",
    "error.auth.forbidden": "Du har inte behörighet till detta.",
    "error.auth.role_not_granted": "Du har inte den rollen i detta sammanträde.",
    "error.auth.no_session": "Du är inte inloggad.",
    "error.meeting.unknown": "Sammanträdet finns inte.",
    "error.meeting.not_opened": "Sammanträdet har inte öppnats än.",
    "error.meeting.adjourned": "Sammanträdet är avslutat.",
    "error.person.unknown": "Du finns inte på detta sammanträdes förteckning.",
    "error.server.error": "Ett fel uppstod i servern.",
    "portal.name": "Ordet – politikerportalen",
    "portal.tagline": "En väg in till sammanträden, handlingar och kammaren",
    "portal.title": "Min sida – Ordet",
    "portal.loading": "Hämtar …",
    "portal.welcome": "Välkommen, {name}",
    "portal.username": "Användarnamn",
    "portal.password": "Lösenord",
    "portal.code": "Engångskod",
    "portal.code_hint": "Sex siffror från din autentiseringsapp, eller en reservkod.",
    "portal.login.title": "Logga in – Ordet",
    "portal.login.heading": "Logga in",
    "portal.login.intro": "Logga in med lösenord och engångskod (tvåfaktorsinloggning).",
    "portal.login.submit": "Logga in",
    "portal.login.checking": "Kontrollerar …",
    "portal.enrol.title": "Aktivera konto – Ordet",
    "portal.enrol.heading": "Aktivera ditt konto",
    "portal.enrol.for": "Konto för {name}",
    "portal.enrol.step1": "1. Lägg till kontot i din autentiseringsapp",
    "portal.enrol.scan": "Skanna QR-koden, eller skriv in nyckeln för hand.",
    "portal.enrol.qr_alt": "QR-kod för autentiseringsappen",
    "portal.enrol.secret_label": "Nyckel: ",
    "portal.enrol.step2": "2. Välj lösenord och bekräfta med en kod",
    "portal.enrol.new_password": "Nytt lösenord (minst 10 tecken)",
    "portal.enrol.submit": "Aktivera",
    "portal.enrol.to_login": "Till inloggningen",
    "portal.codes.heading": "Dina reservkoder",
    "portal.codes.intro":
      "Spara koderna på ett säkert ställe. Varje kod kan användas en gång om du inte har telefonen. De visas bara nu.",
    "portal.codes.left": "Oanvända reservkoder: {count}",
    "portal.codes.renew": "Skapa nya reservkoder",
    "portal.codes.renewed": "Nya reservkoder skapade; de gamla gäller inte längre.",
    "portal.logout": "Logga ut",
    "portal.logout_everywhere": "Logga ut överallt",
    "portal.today.heading": "I dag",
    "portal.console": "Ordförandekonsolen",
    "portal.status.planned": "planerat",
    "portal.status.running": "pågår",
    "portal.status.closed": "avslutat",
    "portal.todo.heading": "Att göra",
    "portal.todo.none": "Inget väntar på dig.",
    "portal.todo.justering.chair": "Justera protokollet som ordförande: {title}",
    "portal.todo.justering.justerare": "Justera protokollet: {title}",
    "portal.todo.by": "senast {date} ({due})",
    "portal.todo.days_left": "{n} dagar kvar",
    "portal.todo.overdue": "{n} dagar för sent",
    "portal.todo.reservation_reason":
      "Skriftlig motivering till din reservation (före justeringen): {question}",
    "portal.todo.reason_send": "Lämna motiveringen",
    "portal.todo.reason_sent": "Motiveringen är lämnad och står i protokollet.",
    "portal.past.heading": "Tidigare sammanträden",
    "portal.past.none": "Inga tidigare sammanträden.",
    "portal.past.nothing": "Du deltog inte.",
    "portal.minutes": "Protokollet",
    "portal.meetings.heading": "Kommande sammanträden",
    "portal.meetings.none": "Inga kommande sammanträden.",
    "portal.join": "Gå in i kammaren",
    "portal.documents": "Handlingar",
    "portal.attendance.heading": "Min närvaro",
    "portal.attendance.intro": "Underlag för arvoden: när du var incheckad vid varje sammanträde.",
    "portal.attendance.none": "Ingen registrerad närvaro än.",
    "portal.attendance.span": "{arrived} – {left}",
    "portal.attendance.still": "pågår",
    "portal.votes.heading": "Mina röster",
    "portal.votes.none": "Inga röster registrerade.",
    "portal.justering.heading": "Att justera",
    "portal.justering.none": "Inga protokoll väntar på din justering.",
    "portal.ballot.ja": "Ja",
    "portal.ballot.nej": "Nej",
    "portal.ballot.avstar": "Avstår",
    "portal.links.heading": "Andra system",
    "portal.security.heading": "Säkerhet",
    "portal.admin.open": "Administration",
    "portal.admin.title": "Administration – Ordet",
    "portal.admin.back": "Till min sida",
    "portal.admin.heading": "Administration",
    "portal.admin.assembly": "Församling",
    "portal.admin.people": "Ledamöter, ersättare och tjänstepersoner",
    "portal.admin.col.id": "Id",
    "portal.admin.col.name": "Namn",
    "portal.admin.col.kind": "Slag",
    "portal.admin.col.party": "Parti",
    "portal.admin.col.seat": "Plats/ordning",
    "portal.admin.col.roles": "Roller",
    "portal.admin.col.account": "Konto",
    "portal.admin.account.none": "inget",
    "portal.admin.account.pending": "väntar på aktivering",
    "portal.admin.account.enrolled": "aktivt",
    "portal.admin.create_account": "Skapa konto",
    "portal.admin.reset": "Återställ andra faktorn",
    "portal.admin.reason": "Skäl (loggas):",
    "portal.admin.enrol_link": "Aktiveringslänk: {url}",
    "portal.admin.roster": "Importera förteckning (CSV)",
    "portal.admin.roster_csv": "CSV-text",
    "portal.admin.import": "Importera",
    "portal.admin.imported": "{count} personer importerade.",
    "portal.admin.meetings": "Sammanträden",
    "portal.admin.events": "Säkerhetslogg",
    "error.auth.bad_credentials": "Fel användarnamn eller lösenord.",
    "error.auth.bad_code": "Koden stämmer inte.",
    "error.auth.code_used": "Koden har redan använts. Vänta på nästa kod.",
    "error.auth.login_failed": "Fel användarnamn, lösenord eller kod. En kod gäller en gång.",
    "error.auth.slow_down": "För många misslyckade försök. Vänta en stund och försök igen.",
    "error.auth.origin_not_allowed": "Anropet kommer från en otillåten webbplats.",
    "error.auth.not_secretary": "Bara sekreteraren får göra detta.",
    "error.enrol.invalid": "Aktiveringslänken är ogiltig eller har redan använts.",
    "error.enrol.password_too_short": "Lösenordet måste ha minst 10 tecken.",
    "error.request.invalid": "Uppgifterna är ofullständiga eller felaktiga.",
  },
  en: {
    "lang.name": "English",
    "lang.switch": "Language",
    "app.name": "Ordet",
    "app.tagline": "Real-time debate and voting for councils and committees",
    "skip.main": "Skip to content",

    "index.title": "Ordet – meetings",
    "index.heading": "Meetings",
    "index.intro": "Choose a meeting to follow attendance, quorum and the agenda live.",
    "index.loading": "Loading meetings …",
    "index.empty": "There are no meetings right now.",
    "index.failed": "Could not load the meetings. Please try again shortly.",
    "index.open": "Open",
    "index.public": "Public view",
    "index.starts": "Starts {when}",

    "page.title": "{meeting} – attendance – Ordet",
    "page.loading": "Connecting …",
    "page.back": "All meetings",
    "meeting.adjourned": "The meeting is adjourned.",
    "meeting.not_opened": "The meeting has not been opened yet.",

    "conn.label": "Connection",
    "conn.connecting": "Connecting …",
    "conn.connected": "Connected",
    "conn.reconnecting": "Reconnecting …",
    "conn.reconnecting_in": "Reconnecting in {seconds} s …",
    "conn.not_opened": "Waiting for the chair to open the meeting (trying again in {seconds} s) …",
    "conn.closed": "Disconnected",
    "role.label": "Viewing as",
    "role.public": "the public",
    "role.display": "chamber display",
    "role.delegate": "member",
    "role.chair": "chair",
    "role.secretary": "secretary",
    "role.auditor": "auditor",

    "quorum.heading": "Quorum",
    "quorum.yes": "Quorum reached",
    "quorum.no": "No quorum",
    "quorum.filled": "Serving",
    "quorum.of": "of {seats} seats",
    "quorum.needed": "Needed for quorum",
    "quorum.present": "Present in total",
    "quorum.announce": "{state}: {filled} of {seats} seats, {needed} needed.",

    "agenda.heading": "Agenda",
    "agenda.current": "In progress",
    "agenda.finished": "Done",
    "agenda.pending": "Upcoming",
    "agenda.none_current": "No item is in progress.",
    "public.notice":
      "The minutes were verified on {verified} and posted on {posted}. An appeal must arrive by {appeal}.",
    "agenda.current_label": "Current item",

    "seats.heading": "Seats",
    "seats.legend": "Parties",
    "seats.empty": "Empty seat",
    "seats.substitute": "substitute",
    "seats.serving_for": "serving for {name}",
    "seats.seat": "Seat {seat}",

    "me.heading": "My status",
    "me.present": "Present",
    "me.absent": "Not checked in",
    "me.left": "Has left the meeting",
    "me.seat": "Seat {seat}",
    "me.no_seat": "No seat assigned",
    "me.serving_for": "Serving for {name}",
    "me.check_in": "Check in",
    "me.check_out": "Check out",
    "me.left_note": "A member who has left the meeting cannot check in again.",
    "me.sending": "Sending …",
    "me.ack.attendance.check_in": "Done – you are checked in.",
    "me.ack.attendance.check_out": "Done – you are checked out.",

    "error.generic": "That did not work ({code}).",
    "error.reservation.none": "You have no reservation against that decision.",
    "error.reservation.reason_required": "Write the reason.",
    "error.reservation.reason_too_long": "The reason may be at most 4000 characters.",
    "error.minutes.verified": "The minutes are verified and cannot change.",
    "error.connection.lost": "The connection dropped before the answer came. Please try again.",
    "error.connection.not_open": "Not connected right now. Please try again shortly.",
    "error.attendance.already_present": "You are already checked in.",
    "error.attendance.not_present": "You are not checked in.",
    "error.attendance.left_meeting": "A member who has left the meeting cannot return.",
    "error.auth.not_yourself": "You can only check yourself in.",
    "error.auth.forbidden": "You are not allowed to do this.",
    "error.auth.role_not_granted": "You do not have that role in this meeting.",
    "error.auth.no_session": "You are not logged in.",
    "error.meeting.unknown": "There is no such meeting.",
    "error.meeting.not_opened": "The meeting has not been opened yet.",
    "error.meeting.adjourned": "The meeting is adjourned.",
    "error.person.unknown": "You are not on this meeting's roster.",
    "error.server.error": "An error occurred on the server.",
    "portal.name": "Ordet – members' portal",
    "portal.tagline": "One way in to meetings, documents and the chamber",
    "portal.title": "My page – Ordet",
    "portal.loading": "Loading …",
    "portal.welcome": "Welcome, {name}",
    "portal.username": "Username",
    "portal.password": "Password",
    "portal.code": "One-time code",
    "portal.code_hint": "Six digits from your authenticator app, or a recovery code.",
    "portal.login.title": "Log in – Ordet",
    "portal.login.heading": "Log in",
    "portal.login.intro": "Log in with your password and a one-time code (two-factor login).",
    "portal.login.submit": "Log in",
    "portal.login.checking": "Checking …",
    "portal.enrol.title": "Activate account – Ordet",
    "portal.enrol.heading": "Activate your account",
    "portal.enrol.for": "Account for {name}",
    "portal.enrol.step1": "1. Add the account to your authenticator app",
    "portal.enrol.scan": "Scan the QR code, or type the key by hand.",
    "portal.enrol.qr_alt": "QR code for the authenticator app",
    "portal.enrol.secret_label": "Key: ",
    "portal.enrol.step2": "2. Choose a password and confirm with a code",
    "portal.enrol.new_password": "New password (at least 10 characters)",
    "portal.enrol.submit": "Activate",
    "portal.enrol.to_login": "Go to login",
    "portal.codes.heading": "Your recovery codes",
    "portal.codes.intro":
      "Keep these codes somewhere safe. Each works once if you do not have your phone. They are shown only now.",
    "portal.codes.left": "Unused recovery codes: {count}",
    "portal.codes.renew": "Make new recovery codes",
    "portal.codes.renewed": "New recovery codes made; the old ones no longer work.",
    "portal.logout": "Log out",
    "portal.logout_everywhere": "Log out everywhere",
    "portal.today.heading": "Today",
    "portal.console": "Chair's console",
    "portal.status.planned": "planned",
    "portal.status.running": "in session",
    "portal.status.closed": "closed",
    "portal.todo.heading": "To do",
    "portal.todo.none": "Nothing awaits you.",
    "portal.todo.justering.chair": "Verify the minutes as chair: {title}",
    "portal.todo.justering.justerare": "Verify the minutes: {title}",
    "portal.todo.by": "by {date} ({due})",
    "portal.todo.days_left": "{n} days left",
    "portal.todo.overdue": "{n} days overdue",
    "portal.todo.reservation_reason":
      "The written reason for your reservation (before the verification): {question}",
    "portal.todo.reason_send": "Hand in the reason",
    "portal.todo.reason_sent": "The reason is handed in and stands in the minutes.",
    "portal.past.heading": "Past meetings",
    "portal.past.none": "No past meetings.",
    "portal.past.nothing": "You did not take part.",
    "portal.minutes": "The minutes",
    "portal.meetings.heading": "Upcoming meetings",
    "portal.meetings.none": "No upcoming meetings.",
    "portal.join": "Join the chamber",
    "portal.documents": "Documents",
    "portal.attendance.heading": "My attendance",
    "portal.attendance.intro": "The basis for allowances: when you were checked in at each meeting.",
    "portal.attendance.none": "No attendance recorded yet.",
    "portal.attendance.span": "{arrived} – {left}",
    "portal.attendance.still": "ongoing",
    "portal.votes.heading": "My votes",
    "portal.votes.none": "No votes recorded.",
    "portal.justering.heading": "To verify",
    "portal.justering.none": "No minutes await your verification.",
    "portal.ballot.ja": "Yes",
    "portal.ballot.nej": "No",
    "portal.ballot.avstar": "Abstain",
    "portal.links.heading": "Other systems",
    "portal.security.heading": "Security",
    "portal.admin.open": "Administration",
    "portal.admin.title": "Administration – Ordet",
    "portal.admin.back": "Back to my page",
    "portal.admin.heading": "Administration",
    "portal.admin.assembly": "Assembly",
    "portal.admin.people": "Members, substitutes and officials",
    "portal.admin.col.id": "Id",
    "portal.admin.col.name": "Name",
    "portal.admin.col.kind": "Kind",
    "portal.admin.col.party": "Party",
    "portal.admin.col.seat": "Seat/order",
    "portal.admin.col.roles": "Roles",
    "portal.admin.col.account": "Account",
    "portal.admin.account.none": "none",
    "portal.admin.account.pending": "awaiting activation",
    "portal.admin.account.enrolled": "active",
    "portal.admin.create_account": "Create account",
    "portal.admin.reset": "Reset second factor",
    "portal.admin.reason": "Reason (logged):",
    "portal.admin.enrol_link": "Enrolment link: {url}",
    "portal.admin.roster": "Import roster (CSV)",
    "portal.admin.roster_csv": "CSV text",
    "portal.admin.import": "Import",
    "portal.admin.imported": "{count} people imported.",
    "portal.admin.meetings": "Meetings",
    "portal.admin.events": "Security log",
    "error.auth.bad_credentials": "Wrong username or password.",
    "error.auth.bad_code": "The code does not match.",
    "error.auth.code_used": "This code has been used already. Wait for the next one.",
    "error.auth.login_failed": "Wrong username, password or code. A code works once.",
    "error.auth.slow_down": "Too many failed attempts. Wait a moment and try again.",
    "error.auth.origin_not_allowed": "The request comes from a site that is not allowed.",
    "error.auth.not_secretary": "Only the secretary may do this.",
    "error.enrol.invalid": "The enrolment link is not valid or has been used.",
    "error.enrol.password_too_short": "The password needs at least 10 characters.",
    "error.request.invalid": "The details are incomplete or wrong.",
  },
};

// The texts of the tablet, chair console, chamber display and public screen.
for (const [lang, entries] of Object.entries(SCREEN_CATALOGUES)) {
  CATALOGUES[lang] = { ...entries, ...CATALOGUES[lang] };
}

// The texts of the replay and minutes pages.
for (const [lang, entries] of Object.entries(AUDIT_CATALOGUES)) {
  CATALOGUES[lang] = { ...entries, ...CATALOGUES[lang] };
}

export const LANGUAGES = Object.keys(CATALOGUES);
export const DEFAULT_LANGUAGE = "sv";
const STORAGE_KEY = "ordet.lang";
const listeners = new Set();

function initialLanguage() {
  const fromUrl = new URLSearchParams(location.search).get("lang");
  if (fromUrl && fromUrl in CATALOGUES) return fromUrl;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && stored in CATALOGUES) return stored;
  } catch {
    // Storage may be blocked; the default will do.
  }
  return DEFAULT_LANGUAGE;
}

let current = initialLanguage();

export function language() {
  return current;
}

/** The text for key in the current language, with {name} filled from params. */
export function t(key, params = {}) {
  const text = CATALOGUES[current][key] ?? CATALOGUES[DEFAULT_LANGUAGE][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A translated text for an error code sent by the hub or raised locally. */
export function errorText(code) {
  const key = `error.${code}`;
  if (key in CATALOGUES[current] || key in CATALOGUES[DEFAULT_LANGUAGE]) return t(key);
  return t("error.generic", { code });
}

/** Fill every data-i18n element below root. */
export function translate(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of el.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split(":");
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}

export function setLanguage(lang) {
  if (!(lang in CATALOGUES) || lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered across visits; fine.
  }
  translate();
  for (const listener of listeners) listener(lang);
}

export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Build the language switch: one button per language, the current one pressed. */
export function mountLanguageSwitch(container) {
  container.replaceChildren();
  container.setAttribute("role", "group");
  container.dataset.i18nAttr = "aria-label:lang.switch";
  container.setAttribute("aria-label", t("lang.switch"));
  for (const lang of LANGUAGES) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "lang-button";
    button.lang = lang;
    button.dataset.lang = lang;
    button.textContent = CATALOGUES[lang]["lang.name"];
    button.setAttribute("aria-pressed", String(lang === current));
    button.addEventListener("click", () => setLanguage(lang));
    container.append(button);
  }
  onLanguageChange((lang) => {
    for (const button of container.querySelectorAll("button")) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
    }
  });
}
