import type { Catalogue } from '../types.js';
import type en from '../en/errors.js';

export default {
  // Die Anfrage selbst.
  invalid_request: 'Ein Teil der Anfrage fehlt oder hat nicht die erwartete Form.',
  invalid_json: 'Die Anfrage konnte nicht gelesen werden.',
  malformed_request: 'Die Anfrage konnte nicht gelesen werden.',
  unreadable_form:
    'Das Formular konnte nicht gelesen werden. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
  one_file_only: 'Bitte senden Sie jeweils nur eine Datei.',
  too_long: 'Das ist zu lang: höchstens {max, plural, one {# Zeichen} other {# Zeichen}}.',
  too_many: 'Das sind zu viele: höchstens {max, number}.',
  invalid_cursor:
    'Diese Seite der Liste ist nicht mehr gültig. Bitte beginnen Sie wieder auf der ersten Seite.',
  body_too_large: 'Die gesendeten Daten sind zu groß.',
  file_too_large: 'Die Datei ist zu groß.',
  unsupported_content_type: 'Inhalte dieser Art werden hier nicht angenommen.',
  unsupported_upload: 'Dateien dieser Art können hier nicht hochgeladen werden.',
  cross_site_request: 'Diese Anfrage kam nicht von dieser Website und wurde deshalb abgelehnt.',
  form_expired:
    'Das Formular ist abgelaufen. Bitte gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.',
  not_found:
    'Unter dieser Adresse gibt es nichts. Vielleicht wurde die Seite verschoben, oder der Link enthält einen Tippfehler.',
  file_not_found: 'Die Datei wurde nicht gefunden.',
  internal: 'Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es noch einmal.',
  image_store_unavailable:
    'Bilder sind gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',

  // Konten.
  invalid_email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.com.',
  invalid_name:
    'Bitte geben Sie einen Namen mit 1 bis {max, plural, one {# Zeichen} other {# Zeichen}} ein.',
  unknown_role: 'Bitte wählen Sie eine Rolle aus der Liste.',
  password_too_short:
    'Das Passwort muss mindestens {min, plural, one {# Zeichen} other {# Zeichen}} lang sein.',
  password_too_long:
    'Das Passwort darf höchstens {max, plural, one {# Zeichen} other {# Zeichen}} lang sein.',
  password_common:
    'Dieses Passwort gehört zu den häufigsten, die Angreifer zuerst ausprobieren. Bitte wählen Sie ein anderes.',
  password_repeated: 'Das Passwort darf nicht aus einem einzigen wiederholten Zeichen bestehen.',
  wrong_password: 'Das Passwort ist nicht richtig.',
  email_unchanged: 'Das ist bereits Ihre E-Mail-Adresse.',
  invalid_link: 'Dieser Link ist ungültig oder abgelaufen.',
  email_taken: 'Es gibt bereits ein Konto mit dieser E-Mail-Adresse.',
  admin_exists: 'Diese Website hat bereits einen Administrator. Bitte melden Sie sich an.',
  account_has_role:
    'Ihr Konto hat eine Rolle in der Redaktion und kann deshalb hier nicht gelöscht werden. Bitten Sie zuerst einen Administrator, die Rolle zu entfernen.',
  account_has_bylines:
    'Ihr Name steht als Autor über veröffentlichten Artikeln; das Konto kann deshalb hier nicht gelöscht werden. Wenden Sie sich bitte an die Redaktion.',
  user_not_found: 'Kein Konto hat diese E-Mail-Adresse.',
  sign_in_required: 'Bitte melden Sie sich zuerst an.',
  sign_in_failed: 'E-Mail-Adresse oder Passwort ist nicht richtig.',
  invalid_passkey_name: 'Bitte geben Sie dem Passkey einen Namen mit 1 bis {max} Zeichen.',
  passkey_not_saved:
    'Der Passkey konnte nicht gespeichert werden. Bitte versuchen Sie es noch einmal.',
  passkey_failed:
    'Mit diesem Passkey konnten Sie nicht angemeldet werden. Bitte versuchen Sie es noch einmal oder melden Sie sich anders an.',
  passkey_not_found: 'Dieser Passkey gehört nicht zu Ihrem Konto.',
  last_sign_in_method:
    'Dies ist Ihr letzter Weg, sich anzumelden; er kann deshalb nicht entfernt werden. Fügen Sie zuerst einen anderen Weg hinzu.',
  invalid_token: 'Der Token ist ungültig.',
  account_banned: 'Dieses Konto wurde gesperrt.',
  role_not_allowed: 'Ihr Konto darf das nicht.',

  // Die Redaktion.
  headline_required: 'Bitte schreiben Sie eine Überschrift.',
  section_required: 'Bitte wählen Sie ein Ressort.',
  unknown_section: 'Dieses Ressort gibt es nicht.',
  invalid_slug:
    'Ein Kurzname besteht aus Kleinbuchstaben, Ziffern und einzelnen Bindestrichen, etwa „ueber-uns“.',
  unknown_author: 'Einen der Autoren gibt es nicht.',
  author_not_staff: 'Als Autoren können nur Mitglieder der Redaktion genannt werden.',
  unknown_article: 'Diesen Artikel gibt es nicht.',
  invalid_tag: 'Dieses Schlagwort kann nicht verwendet werden.',
  not_published: 'Das ist nur bei einem veröffentlichten Artikel möglich.',
  note_required: 'Bitte schreiben Sie den Hinweis; er wird den Lesern angezeigt.',
  text_required: 'Bitte schreiben Sie den Text.',
  invalid_time: 'Bitte geben Sie Datum und Uhrzeit ein, etwa 2026-05-01T09:00.',
  invalid_correction_kind:
    'Bitte wählen Sie, ob es sich um eine Korrektur, eine Klarstellung oder eine Aktualisierung handelt.',
  invalid_priority: 'Bitte wählen Sie hohe oder normale Priorität.',
  invalid_photo: 'Das Foto muss ein auf dieser Website gespeichertes Bild sein.',
  file_required: 'Bitte wählen Sie eine Datei zum Hochladen.',
  unknown_image: 'Dieses Bild gibt es nicht.',
  newsroom_only: 'Das kann nur die Redaktion.',
  editor_only: 'Das kann nur ein Redakteur.',
  not_your_article: 'Dieser Artikel gehört nicht zu Ihren.',
  action_not_allowed: 'Das können Sie mit diesem Artikel nicht tun.',
  stale_version:
    'Inzwischen hat jemand eine neuere Fassung gespeichert. Laden Sie die Seite neu und nehmen Sie Ihre Änderung dann noch einmal vor.',
  slug_taken: 'Diese Adresse ist schon vergeben. Bitte wählen Sie einen anderen Kurznamen.',
  invalid_transition: 'Das ist im jetzigen Zustand des Artikels nicht möglich.',
  status_changed:
    'Der Status hat sich inzwischen geändert. Bitte laden Sie neu und versuchen Sie es noch einmal.',
  already_retracted: 'Diese Korrektur wurde bereits zurückgezogen.',
  article_withdrawn: 'Dieser Artikel wurde von der Redaktion zurückgezogen.',
  unsupported_image:
    'Diese Datei ist kein Bild, das wir annehmen. Bitte laden Sie ein PNG-, JPEG- oder WebP-Bild hoch.',
  authors_missing: 'Bitte nennen Sie vor dem Veröffentlichen mindestens einen Autor.',
  body_missing: 'Bitte schreiben Sie vor dem Veröffentlichen den Text.',
  alt_text_missing:
    'Bitte schreiben Sie vor dem Veröffentlichen oder Planen für jedes Bild einen Alternativtext (oder kennzeichnen Sie es als dekorativ).',
  image_missing: 'Der Text bindet ein Bild ein, das es nicht gibt.',
  unreadable_image: 'Das Bild konnte nicht gelesen werden. Bitte versuchen Sie eine andere Datei.',

  // Kommentare und Moderation.
  body_required: 'Bitte schreiben Sie etwas, bevor Sie absenden.',
  invalid_comment_mode:
    'Bitte wählen Sie: offen, vorab moderiert, geschlossen oder die Einstellung der Website.',
  invalid_hours: 'Bitte geben Sie eine ganze Zahl von Stunden ein, 0 für nie.',
  invalid_report_reason: 'Bitte wählen Sie, warum Sie diesen Kommentar melden.',
  already_reported: 'Sie haben diesen Kommentar bereits gemeldet.',
  own_comment: 'Sie können Ihren eigenen Kommentar nicht melden.',
  own_account: 'Sie können Ihre eigene Rolle und Ihre eigenen Sanktionen nicht ändern.',
  invalid_queue_action: 'Diese Aktion ist hier nicht verfügbar.',
  nothing_chosen: 'Bitte wählen Sie mindestens eines aus.',
  invalid_sanction: 'Bitte wählen Sie 1 Stunde, 24 Stunden, 7 Tage oder eine Sperre.',
  invalid_duration: 'Eine Sperre auf Zeit dauert 1 Stunde, 24 Stunden oder 7 Tage.',
  not_your_comment: 'Dieser Kommentar ist nicht von Ihnen.',
  author_sanctioned: 'Ihr Konto darf das derzeit nicht.',
  staff_account: 'Konten der Redaktion werden von einem Administrator unter „Personen“ gesperrt.',
  edit_window_passed: 'Die Zeit zum Bearbeiten dieses Kommentars ist abgelaufen.',
  comment_deleted: 'Dieser Kommentar wurde gelöscht.',
  comments_closed: 'Die Kommentare zu diesem Artikel sind geschlossen.',
  duplicate_comment: 'Diesen Kommentar haben Sie bereits abgeschickt.',
  banned_words:
    'Ihr Kommentar enthält Wörter, die diese Website nicht zulässt. Bitte formulieren Sie ihn um.',
  comment_refused: 'Ihr Kommentar konnte nicht veröffentlicht werden.',
  posting_too_fast:
    'Sie schreiben zu schnell. Bitte versuchen Sie es in {seconds, plural, one {einer Sekunde} other {# Sekunden}} noch einmal.',
  too_many_attempts:
    'Zu viele Versuche. Bitte versuchen Sie es in {seconds, plural, one {einer Sekunde} other {# Sekunden}} noch einmal.',
  too_many_streams:
    'Von Ihrer Adresse aus sind zu viele Live-Aktualisierungen geöffnet. Bitte schließen Sie einen Tab und versuchen Sie es noch einmal.',

  // Sicherungen und Importe.
  invalid_export: 'Diese Datei ist keine Sicherung dieser Website.',
  invalid_import: 'Die Datei wurde abgelehnt; es wurde nichts importiert.',
  database_not_empty:
    'Die Datenbank ist nicht leer. Bitte stellen Sie nur in einer neuen, leeren Datenbank wieder her.',

  // Die Website.
  site_name_required: 'Bitte geben Sie der Website einen Namen.',
  invalid_url: 'Bitte geben Sie eine Webadresse an, die mit https:// oder http:// beginnt.',
  invalid_time_zone: 'Bitte wählen Sie eine Zeitzone aus der Liste.',
  unknown_language: 'Bitte wählen Sie eine Sprache aus der Liste.',
  admin_only: 'Das kann nur ein Administrator.',
  not_deletable:
    'Dieser Artikel kann nicht gelöscht werden; das geht nur bei einem nie veröffentlichten Entwurf.',
  pin_unavailable:
    'Nur ein veröffentlichter Artikel kann angeheftet werden. Bitte wählen Sie einen aus der Liste.',
  pin_repeated:
    'Dieser Artikel ist bereits an einem anderen Platz angeheftet. Bitte wählen Sie einen anderen.',
  pin_expired:
    'Der Ablaufzeitpunkt ist bereits vorbei. Bitte wählen Sie einen späteren oder lassen Sie das Feld leer.',
  too_many_pins: 'Bitte wählen Sie höchstens {max, plural, one {einen Artikel} other {# Artikel}}.',
  section_repeated: 'Ein Ressort ist doppelt aufgeführt.',
  title_required: 'Bitte schreiben Sie einen Titel.',
  reserved_slug:
    'Diese Adresse verwendet die Website selbst. Bitte wählen Sie einen anderen Kurznamen.',
  role_not_invitable:
    'Bitte wählen Sie eine Rolle in der Redaktion: Autor, Redakteur, Moderator oder Administrator.',
  already_has_role: 'Diese Person hat bereits eine Rolle in der Redaktion.',
  invitation_pending: 'Eine Einladung an diese Adresse wartet bereits auf Annahme.',
  invitation_not_pending: 'Nur eine noch offene Einladung kann zurückgezogen werden.',
  invitation_closed: 'Diese Einladung wurde bereits angenommen, zurückgezogen oder ist abgelaufen.',
  invitation_not_yours:
    'Diese Einladung gilt einer anderen E-Mail-Adresse. Bitte melden Sie sich ab und mit der eingeladenen Adresse wieder an.',
  section_name_required: 'Bitte geben Sie einen Namen für das Ressort ein.',
  invalid_section_slug:
    'Der Kurzname eines Ressorts besteht aus Kleinbuchstaben, Ziffern und einzelnen Bindestrichen, etwa „lokales“.',
  section_slug_taken:
    'Diese Adresse ist schon vergeben. Bitte wählen Sie einen anderen Kurznamen für das Ressort.',
  section_not_empty:
    'Das Ressort enthält Artikel. Bitte wählen Sie ein Ressort, in das sie verschoben werden.',
  invalid_move_target:
    'Bitte wählen Sie ein anderes Ressort, in das die Artikel verschoben werden.',
  invalid_section_order: 'Bitte nennen Sie jedes Ressort genau einmal, in der neuen Reihenfolge.',
  menu_label_required: 'Bitte schreiben Sie die Beschriftung des Menüeintrags.',
  menu_target_unknown:
    'Bitte wählen Sie für den Menüeintrag ein Ressort, eine Seite oder eine Webadresse.',
  menu_full: 'Das Menü ist voll.',
  time_in_past: 'Dieser Zeitpunkt ist bereits vorbei. Bitte wählen Sie einen späteren.',
  unclear_local_time:
    'Diese Uhrzeit gibt es an diesem Tag wegen der Zeitumstellung nicht oder zweimal. Bitte wählen Sie eine andere.',
  time_required: 'Bitte geben Sie Datum und Uhrzeit ein.',
  email_unconfirmed:
    'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link in der E-Mail, die wir Ihnen geschickt haben.',
  idempotency_key_reused: 'Diese Anfrage wiederholt eine frühere mit anderem Inhalt.',
  invalid_encoding: 'Der Text ist kein gültiges UTF-8.',
  invalid_characters: 'Der Text enthält Zeichen, die nicht erlaubt sind.',
  forbidden_key: 'Die Anfrage enthält einen Schlüssel, der nicht erlaubt ist.',
  no_open_reports: 'Zu diesem Kommentar gibt es keine offenen Meldungen.',
  not_sanctioned: 'Diese Person ist weder auf Zeit noch dauerhaft gesperrt.',
  metrics_forbidden: 'Messwerte werden an diese Adresse nicht ausgeliefert.',
  invalid_webhook_url:
    'Bitte geben Sie eine vollständige Adresse mit http:// oder https:// an, ohne Benutzernamen oder Passwort.',
  webhook_private_address:
    'Diese Adresse führt zu diesem Server oder in ein privates Netz; dorthin dürfen Webhooks nicht senden.',
  webhook_events_required: 'Bitte wählen Sie mindestens ein Ereignis.',
  invalid_webhook_event: 'Eines der Ereignisse ist unbekannt.',
  invalid_webhook_preset: 'Bitte wählen Sie eines der angebotenen Formate.',
  invalid_webhook_secret:
    'Das Geheimnis muss 16 bis 200 Zeichen lang sein (leer lassen, damit eines erzeugt wird).',
  delivery_pending: 'Diese Zustellung wartet noch darauf, gesendet zu werden.',
  newsletter_list_required: 'Bitte wählen Sie mindestens einen Newsletter.',
  newsletter_sent: 'Dieser Newsletter wurde bereits versandt und kann nicht mehr geändert werden.',
  invalid_csv: 'Die Datei ist keine CSV-Datei mit einer Spalte „email“.',
  not_live: 'Dieser Artikel ist kein Liveticker.',
  already_live: 'Dieser Artikel ist bereits ein Liveticker.',
  live_ended: 'Dieser Liveticker ist beendet: Öffnen Sie ihn wieder, um zu posten.',
  live_not_ended: 'Dieser Liveticker läuft noch.',
  update_removed: 'Dieser Eintrag wurde entfernt.',
  removal_note_required:
    'Geben Sie an, warum der Eintrag entfernt wird: Die Leser sehen den Hinweis.',
  sign_in_paused_here:
    'Zu viele fehlgeschlagene Anmeldungen bei diesem Konto von Ihrer Netzwerkadresse aus. Bitte versuchen Sie es in {seconds, plural, one {einer Sekunde} other {# Sekunden}} noch einmal, oder wählen Sie ein neues Passwort über einen Link, den wir Ihnen per E-Mail schicken.',
  sign_in_paused_elsewhere:
    'Bei diesem Konto schlagen viele Anmeldungen fehl; es kann deshalb vorerst nur von Orten aus genutzt werden, an denen es schon verwendet wurde. Um sich von hier aus anzumelden, wählen Sie bitte ein neues Passwort über einen Link, den wir Ihnen per E-Mail schicken.',
  limits_unavailable:
    'Das ist gerade nicht möglich. Bitte versuchen Sie es in {seconds, plural, one {einer Sekunde} other {# Sekunden}} noch einmal.',

  // Die allgemeine Meldung jeder Fehlerart.
  // Sign-in links, single sign-on, the per-role policy (issue 23).
  sign_in_method_off:
    'Personen mit Ihrer Rolle können sich hier nicht auf diese Weise anmelden. Nutzen Sie einen Passkey oder Single Sign-on.',
  fresh_sign_in_required:
    'Melden Sie sich zu Ihrer Sicherheit zuerst neu an: Dafür ist eine Anmeldung aus den letzten 10 Minuten nötig.',
  no_password: 'Dieses Konto hat kein Passwort, das entfernt werden könnte.',
  sign_in_link_other_browser:
    'Dieser Anmeldelink funktioniert nur in dem Browser, in dem er angefordert wurde. Öffnen Sie ihn dort oder fordern Sie in diesem Browser einen neuen Link an.',
  sso_failed:
    'Diese Anmeldung über den Anbieter konnte nicht abgeschlossen werden. Beginnen Sie erneut auf der Anmeldeseite.',
  sso_unavailable: 'Der Anmeldeanbieter ist nicht erreichbar. Versuchen Sie es gleich noch einmal.',
  sso_domain_refused: 'Dieser Anbieter meldet Adressen dieser Domain hier nicht an.',
  sso_email_unverified:
    'Der Anbieter hat Ihre E-Mail-Adresse nicht bestätigt, daher kann sie hier nicht zur Anmeldung dienen.',
  sso_account_unconfirmed:
    'Ein Konto mit dieser Adresse besteht, aber die Adresse wurde nie bestätigt. Melden Sie sich mit dem Passwort an und bestätigen Sie zuerst die Adresse.',
  unknown_provider: 'Diesen Anmeldeanbieter gibt es nicht.',
  provider_field_required: 'Füllen Sie dieses Feld aus.',
  invalid_issuer: 'Geben Sie die Issuer-Adresse des Anbieters ein, beginnend mit https://.',
  invalid_domains:
    'Geben Sie eine oder mehrere E-Mail-Domains wie example.com ein, durch Kommas getrennt.',

  'kind.bad_request': 'Diese Anfrage konnte so nicht ausgeführt werden.',
  'kind.unauthorized': 'Bitte melden Sie sich zuerst an.',
  'kind.forbidden': 'Das ist nicht erlaubt.',
  'kind.not_found': 'Das wurde nicht gefunden.',
  'kind.method_not_allowed': 'Das ist hier nicht möglich.',
  'kind.conflict':
    'Das widerspricht einer zwischenzeitlichen Änderung. Bitte laden Sie neu und versuchen Sie es noch einmal.',
  'kind.gone': 'Das wurde entfernt.',
  'kind.payload_too_large': 'Die gesendeten Daten sind zu groß.',
  'kind.unsupported_media_type': 'Inhalte dieser Art werden hier nicht angenommen.',
  'kind.rejected': 'Das war nicht möglich.',
  'kind.rate_limited':
    'Zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es dann noch einmal.',
  'kind.internal': 'Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es noch einmal.',
  'kind.unavailable': 'Die Website ist ausgelastet. Bitte versuchen Sie es gleich noch einmal.',

  // Fehlerseiten nach Status und die Worte um die Probleme eines Formulars.
  'page.400': 'Diese Anfrage wurde nicht verstanden',
  'page.401': 'Bitte melden Sie sich an',
  'page.403': 'Nicht erlaubt',
  'page.404': 'Seite nicht gefunden',
  'page.410': 'Diese Seite wurde entfernt',
  'page.429': 'Zu viele Anfragen',
  'page.other': 'Etwas ist schiefgegangen',
  'page.home': 'Zur Startseite',
  'form.summary': 'Es gibt ein Problem',
  'form.error': 'Fehler:',
  'form.title': 'Fehler: {title}',
} satisfies Catalogue<typeof en>;
