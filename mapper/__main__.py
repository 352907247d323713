from mapper.cli import main

main(prog_name="mapper")
