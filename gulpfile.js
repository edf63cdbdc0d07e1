// Copies node and credential icons next to the compiled code: n8n resolves `file:` icons
// relative to the .js file that declares them.
const path = require('path');
const { src, dest, task } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest(path.resolve('dist')),
	),
);
