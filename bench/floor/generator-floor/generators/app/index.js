/**
 * The floor: a generator that does nothing but write one file. It accepts --defaults (and
 * ignores it) so that it is run with exactly the arguments the measured generator gets.
 */
import Generator from 'yeoman-generator';

export default class FloorGenerator extends Generator {
  constructor(args, options) {
    // The same features as generator-python-docker: no package-manager step at the end.
    super(args, options, { customInstallTask: true });
    this.option('defaults', { type: Boolean });
  }

  writing() {
    this.fs.write(this.destinationPath('floor.txt'), 'floor\n');
  }
}
