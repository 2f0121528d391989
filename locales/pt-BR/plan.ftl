# A descrição de pull request de uma atualização (`mlops-kit plan --format markdown`, portfolio --out).
# Os nomes das ações (create, update, merge-clean, ...) são os identificadores dos planos em texto e JSON.

plan-title = Atualização do mlops-kit
plan-header = Atualização de `{ $kit }` do mlops-kit { $from } para { $to }, com { $answers }.
plan-answers-new = as novas respostas de `{ $file }`
plan-answers-recorded = as respostas registradas no kit
plan-conflicts =
    { $count ->
        [one] **{ $count } conflito** precisa
       *[other] **{ $count } conflitos** precisam
    } de uma decisão: procure `<<<<<<<` nos arquivos marcados como `conflict`.
plan-summary = Resumo
plan-action = Ação
plan-files = Arquivos
plan-meaning = Significado
plan-file = Arquivo
plan-regions =
    { $action } ({ $count ->
        [one] { $count } trecho
       *[other] { $count } trechos
    })
plan-terraform = Terraform
plan-terraform-none = Nenhum bloco do Terraform nem valor de `.tfvars` é adicionado, removido ou alterado.
plan-folder = Pasta
plan-block = Bloco
plan-change = Mudança
plan-attributes = Atributos
plan-replacement = Substituição
plan-forces-replacement = **força a substituição** ({ $attributes })
plan-folder-added = adicionada: uma nova configuração (`terraform init` e depois `apply`)
plan-folder-removed = removida: rode `terraform destroy` nela antes, se ela tiver sido aplicada
plan-change-added = adicionado
plan-change-removed = removido
plan-change-changed = alterado
plan-coverage = Este resumo compara, pelo texto, os blocos de cada pasta do Terraform (recursos, fontes de dados, argumentos de módulos, variáveis, saídas, valores locais, provedores) e cada valor de `.tfvars`. Ele não avalia expressões: uma variável, um valor de `.tfvars` ou um argumento de módulo alterado também altera cada recurso que o usa, e isso não aparece separadamente. O `terraform plan` de cada ambiente continua sendo a referência antes do `apply`.
plan-diffs = Diferenças
plan-missed-title = Mudanças dos blueprints em arquivos que você apagou ou renomeou
plan-missed-text = Esses arquivos não estão mais no kit, então as mudanças dos blueprints não são aplicadas a eles. Se você renomeou algum, aplique a mudança nele manualmente.

action-create = arquivo novo gerado pelo mlops-kit
action-update = você não o editou; substituído pela nova versão
action-merge-clean = suas edições e a nova versão foram combinadas sem sobreposição
action-conflict = suas edições se sobrepõem à nova versão; marcadores de conflito gravados
action-delete = não é mais gerado e você não o editou; apagado
action-keep-user-version = você o editou e o mlops-kit não o alterou; sua versão fica
action-keep-obsolete-edited = não é mais gerado, mas você o editou; mantido, sem acompanhamento do mlops-kit
action-user-deleted = você o apagou; ele continua apagado
action-unchanged = já está atualizado
