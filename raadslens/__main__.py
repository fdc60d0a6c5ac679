from raadslens.cli import main

main()
