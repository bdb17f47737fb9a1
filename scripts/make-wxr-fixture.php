<?php
/**
 * Makes test/fixtures/wordpress-export.xml with a real WordPress: installs a fresh site into its
 * own MariaDB database, writes our own invented content through WordPress's API, and lets
 * WordPress's export_wp() write the WXR file.
 *
 * Needs Debian's `wordpress`, `php-cli` and `php-mysql` packages and a MariaDB server where root
 * signs in over the socket without a password. Run as root from the repository:
 *
 *   php scripts/make-wxr-fixture.php > test/fixtures/wordpress-export.xml
 *
 * It drops and recreates the database `broadsheet_wxr_fixture` each time.
 */

$host = 'ledger.example';
$database = 'broadsheet_wxr_fixture';
$config = "/etc/wordpress/config-$host.php";

$mysql = new mysqli('localhost', 'root', '');
$mysql->query("DROP DATABASE IF EXISTS `$database`");
$mysql->query("CREATE DATABASE `$database` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
$mysql->close();

file_put_contents($config, <<<PHP
<?php
define('DB_NAME', '$database');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost');
define('WP_HOME', 'http://$host');
define('WP_SITEURL', 'http://$host');
PHP);

// wp-config.php picks its configuration by the host name of the request.
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['SERVER_NAME'] = $host;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/export.php';

function fail($what) {
  fwrite(STDERR, "make-wxr-fixture: $what\n");
  exit(1);
}

function check($result, $what) {
  if (is_wp_error($result) || !$result) fail("$what: " . (is_wp_error($result) ? $result->get_error_message() : 'failed'));
  return $result;
}

ob_start();
$install = wp_install('The Millbrook Ledger', 'ledger-admin', 'desk@ledger.example', true, '', 'an-unused-password-1');
ob_end_clean();
$admin = $install['user_id'];
// As the site's administrator, who may post any HTML (unfiltered_html): exports from real sites
// carry scripts and javascript: links that an importer must neutralise, so ours do too.
wp_set_current_user($admin);
wp_update_user(['ID' => $admin, 'display_name' => 'Ledger Desk', 'first_name' => 'Ledger', 'last_name' => 'Desk']);

update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
update_option('blogdescription', 'News from the town on the Wren');
update_option('thread_comments', 1);
update_option('thread_comments_depth', 5);
// Leave comments where we put them: no flood checks, no moderation by keywords.
update_option('comment_moderation', 0);
update_option('comment_previously_approved', 0);
// Our own text only: the sample post, page and comment of a new site go.
foreach (get_posts(['post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1]) as $p) {
  wp_delete_post($p->ID, true);
}
foreach (get_comments() as $c) wp_delete_comment($c->comment_ID, true);

$priya = check(wp_insert_user([
  'user_login' => 'priya',
  'user_email' => 'priya.raman@ledger.example',
  'user_pass' => 'an-unused-password-2',
  'display_name' => 'Priya Raman',
  'first_name' => 'Priya',
  'last_name' => 'Raman',
  'role' => 'author',
]), 'user priya');
$tomas = check(wp_insert_user([
  'user_login' => 'tobriain',
  'user_email' => 'tomas@ledger.example',
  'user_pass' => 'an-unused-password-3',
  'display_name' => 'Tomás Ó Briain',
  'first_name' => 'Tomás',
  'last_name' => 'Ó Briain',
  'role' => 'editor',
]), 'user tomas');
$jo = check(wp_insert_user([
  'user_login' => 'jofair',
  'user_email' => 'jo.fairweather@reader.example',
  'user_pass' => 'an-unused-password-4',
  'display_name' => 'Jo Fairweather',
  'role' => 'subscriber',
]), 'user jo');

$local = check(wp_insert_category(['cat_name' => 'Local News', 'category_nicename' => 'local-news']), 'category');
$townHall = check(wp_insert_category(['cat_name' => 'Town Hall', 'category_nicename' => 'town-hall', 'category_parent' => $local]), 'category');
$weather = check(wp_insert_category(['cat_name' => 'Rivers & Weather', 'category_nicename' => 'rivers-weather']), 'category');
$sport = check(wp_insert_category(['cat_name' => 'Sport', 'category_nicename' => 'sport']), 'category');

function post($fields) {
  $defaults = ['post_status' => 'publish', 'post_type' => 'post', 'comment_status' => 'open'];
  $fields = array_merge($defaults, $fields);
  if (isset($fields['post_date'])) $fields['post_date_gmt'] = get_gmt_from_date($fields['post_date']);
  return check(wp_insert_post($fields, true), 'post ' . $fields['post_title']);
}

$bridge = post([
  'post_author' => $priya,
  'post_title' => 'Council approves the new Wren footbridge',
  'post_name' => 'council-approves-wren-footbridge',
  'post_date' => '2024-03-05 09:30:00',
  'post_excerpt' => 'Seven votes to two for a crossing at Mill Lane, to open next spring.',
  'post_category' => [$townHall],
  'tags_input' => ['budget', 'bridges'],
  'post_content' => <<<HTML
<p>Millbrook's council voted seven to two on Monday night to build a footbridge over the Wren at Mill Lane, ending a <strong>four-year</strong> argument about where walkers should cross.</p>
<p>The full minutes are on the <a href="https://council.ledger.example/minutes/2024-03-04">council's site</a>.</p>
<h2>What the money buys</h2>
<ul>
<li>A steel span of 38 metres</li>
<li>Ramps at both ends, so prams and wheelchairs can cross</li>
<li>Lighting that switches off after midnight</li>
</ul>
<blockquote><p>We have waited long enough for a safe way over the river.</p></blockquote>
<p><img src="http://ledger.example/wp-content/uploads/2024/03/bridge-sketch.jpg" alt="An architect's sketch of the footbridge" /></p>
<script>alert('this must never run')</script>
<p>Objections can be sent <a href="javascript:alert('gotcha')">through this form</a> until 1 April.</p>
HTML,
]);

$flood = post([
  'post_author' => $tomas,
  'post_title' => 'River Wren rises after three days of rain 🌧️',
  'post_name' => 'river-wren-rises',
  'post_date' => '2024-04-12 07:15:00',
  'post_category' => [$weather, $local],
  'tags_input' => ['flooding', 'Wren'],
  'post_content' => <<<HTML
<p>The Wren stood at 2.4&nbsp;m at the Mill Lane gauge on Friday morning — its highest since the winter of 2019.</p>
<p>Residents of Quayside were asked to move cars from the low car park. The café on Bridge Street (“Chez Noëlle”) opened its doors to anyone waiting for the water to fall: 日本語 speakers from the twinning visit included. ☕</p>
<ol>
<li>Check the <a href="https://flood.ledger.example/levels?gauge=mill-lane&amp;unit=m">river levels</a>.</li>
<li>Keep drains clear.</li>
</ol>
<p>Emergency line: <em>0300 000 0000</em>.</p>
HTML,
]);

$cricket = post([
  'post_author' => $admin,
  'post_title' => 'Millbrook Cricket Club lifts the county plate',
  'post_name' => 'cricket-club-county-plate',
  'post_date' => '2024-06-30 18:45:00',
  'post_category' => [$sport],
  'tags_input' => ['cricket'],
  'post_content' => "Millbrook beat Ashcombe by 14 runs at the Meadow ground.\n\nThe captain, <b>Ravi Kaur</b>, took four wickets and said the side had \"earned every run\".\n\nNext season's fixtures: <code>see the club noticeboard</code>.",
]);

$draft = post([
  'post_author' => $priya,
  'post_title' => 'Plans for a winter market on the green',
  'post_name' => 'winter-market-plans',
  'post_status' => 'draft',
  'post_date' => '2024-07-02 11:00:00',
  'post_category' => [$townHall],
  'tags_input' => ['markets'],
  'post_content' => '<p>Stallholders have until September to apply. (Still checking the fees with the clerk.)</p>',
]);

$about = post([
  'post_author' => $admin,
  'post_type' => 'page',
  'post_title' => 'About the Ledger',
  'post_name' => 'about',
  'post_date' => '2023-01-01 12:00:00',
  'post_content' => '<p>The Ledger has reported on Millbrook since 1871.</p>',
]);

$sketch = check(wp_insert_attachment([
  'post_author' => $priya,
  'post_title' => 'bridge-sketch',
  'post_mime_type' => 'image/jpeg',
  'post_status' => 'inherit',
  'guid' => 'http://ledger.example/wp-content/uploads/2024/03/bridge-sketch.jpg',
  'post_date' => '2024-03-05 09:00:00',
], false, $bridge), 'attachment');

function comment($post, $fields) {
  $defaults = [
    'comment_post_ID' => $post,
    'comment_approved' => 1,
    'comment_type' => 'comment',
    'comment_author_IP' => '192.0.2.10',
    'comment_agent' => 'make-wxr-fixture',
  ];
  $fields = array_merge($defaults, $fields);
  $fields['comment_date_gmt'] = get_gmt_from_date($fields['comment_date']);
  return check(wp_insert_comment($fields), 'comment by ' . $fields['comment_author']);
}

$c1 = comment($bridge, [
  'comment_author' => 'Margaret Hale',
  'comment_author_email' => 'mhale@reader.example',
  'comment_author_url' => 'https://hale.reader.example',
  'comment_date' => '2024-03-05 10:02:00',
  'comment_content' => "At last! I have crossed at the ford with my grandchildren for years.\n\nWill the ramps be <em>gentle</em> enough for a mobility scooter?",
]);
$c2 = comment($bridge, [
  'comment_author' => 'Tomás Ó Briain',
  'comment_author_email' => 'tomas@ledger.example',
  'user_id' => $tomas,
  'comment_parent' => $c1,
  'comment_date' => '2024-03-05 11:20:00',
  'comment_content' => 'The plans say a gradient of 1 in 20, which should suit most scooters.',
]);
$c3 = comment($bridge, [
  'comment_author' => 'Dev',
  'comment_author_email' => '',
  'comment_parent' => $c2,
  'comment_date' => '2024-03-05 12:41:00',
  'comment_content' => 'Thanks, that answers mine too.',
]);
$c4 = comment($bridge, [
  'comment_author' => 'Anxious of Quayside',
  'comment_author_email' => 'quayside@reader.example',
  'comment_parent' => $c1,
  'comment_approved' => 0,
  'comment_date' => '2024-03-05 13:05:00',
  'comment_content' => 'Who is paying for the lighting once it is built?',
]);
// export_wp() leaves spam out of the file; this one proves it (the importer still maps "spam").
$c5 = comment($bridge, [
  'comment_author' => 'Best Prices Online',
  'comment_author_email' => 'sales@spam.example',
  'comment_author_url' => 'https://spam.example',
  'comment_approved' => 'spam',
  'comment_date' => '2024-03-05 14:00:00',
  'comment_content' => 'Great article!!! <a href="https://spam.example/offer">Cheap offers here</a>',
]);
$c6 = comment($bridge, [
  'comment_author' => 'Second Thoughts',
  'comment_author_email' => 'second@reader.example',
  'comment_approved' => 'trash',
  'comment_date' => '2024-03-05 15:30:00',
  'comment_content' => 'Posted this in the wrong place, please remove.',
]);
$c7 = comment($bridge, [
  'comment_author' => 'Ned <Tester>',
  'comment_author_email' => 'ned@reader.example',
  'comment_date' => '2024-03-06 08:00:00',
  'comment_content' => "Does <b>bold</b> survive? <script>document.cookie</script> And <a href=\"javascript:void(0)\">this link</a>?",
]);
$c8 = comment($flood, [
  'comment_author' => 'Zoë Ashdown',
  'comment_author_email' => 'zoe@reader.example',
  'comment_date' => '2024-04-12 08:30:00',
  'comment_content' => 'The water reached our back step 😟 — stay safe, everyone.',
]);
$c9 = comment($flood, [
  'comment_author' => 'Jo Fairweather',
  'comment_author_email' => 'jo.fairweather@reader.example',
  'user_id' => $jo,
  'comment_parent' => $c8,
  'comment_date' => '2024-04-12 09:10:00',
  'comment_content' => 'Sandbags are being handed out at the fire station until six.',
]);
$c10 = comment($flood, [
  'comment_author' => 'Quiet Neighbour',
  'comment_author_email' => 'neighbour@reader.example',
  'comment_approved' => 0,
  'comment_date' => '2024-04-12 10:45:00',
  'comment_content' => 'Is the Bridge Street car park affected too?',
]);
$c11 = comment($flood, [
  'comment_author' => 'Millbrook Weather Blog',
  'comment_author_url' => 'https://weather.blog.example/wren-rises',
  'comment_type' => 'pingback',
  'comment_date' => '2024-04-12 12:00:00',
  'comment_content' => '[…] the Ledger reports the Wren at 2.4 m […]',
]);
$c12 = comment($cricket, [
  'comment_author' => 'Jo Fairweather',
  'comment_author_email' => 'jo.fairweather@reader.example',
  'user_id' => $jo,
  'comment_date' => '2024-07-01 07:00:00',
  'comment_content' => "What a match. Four wickets!\n\nWell played, all.",
]);
$c13 = comment($about, [
  'comment_author' => 'Curious Reader',
  'comment_author_email' => 'curious@reader.example',
  'comment_date' => '2023-02-01 09:00:00',
  'comment_content' => 'Do you keep the old issues somewhere?',
]);

ob_start();
export_wp(['content' => 'all']);
$wxr = ob_get_clean();
$mysql = new mysqli('localhost', 'root', '');
$mysql->query("DROP DATABASE IF EXISTS `$database`");
unlink($config);
if (strpos($wxr, '<rss') === false) fail('export_wp() wrote no WXR');
fwrite(STDOUT, $wxr);
